"""Whole pages for readers without cookies, from the cache every server shares.

A request may be answered from the cache when it is a GET or HEAD with no
cookie at all, its address has no query parameter pages do not use
(queries.py), and it reached the site at its own script prefix. A cookie
means staff (session), or a commenter whose pending comment or remembered
name shows on the page: those pages are rendered for them, and marked
``private, no-store`` like every other response that is nobody else's (one
that sets a cookie, answers a form). A response is stored only when it is a
200 that sets no cookie and does not ask to be kept private.

When a page is missing or stale, one request renders it; the others serve
its previous copy meanwhile (unless a change took something from it), or
wait for that render when there is none.
"""

import math
import time

from django.conf import settings
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.urls import get_script_prefix
from django.utils.cache import patch_cache_control, patch_vary_headers

from pagecache import keys, queries, store, tags, versions

HIT_HEADER = "X-Page-Cache"
# How long caches in front may keep a copy served while its page renders.
STALE_SECONDS = 1


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_share(request):
            return _private(self.get_response(request))
        if not settings.PAGE_CACHE:
            return _unless_personal(self.get_response(request))
        request.get_host()  # refuse hosts not in ALLOWED_HOSTS before a hit
        if not queries.share_query(request):
            return _private(self.get_response(request))
        key = keys.key(request)
        found = store.find(key)
        if found.current:
            return _served(found.entry, request, "hit")
        return self._render(request, key, found.entry)

    def _render(self, request, key, previous):
        """Render the page once, while other requests for it stand by."""
        snapshot = versions.Snapshot(previous["tags"] if previous else ())
        claimed = store.rendering(key)
        if not claimed:
            if previous is not None and snapshot.may_stand_in(previous):
                return _served(previous, request, "stale")
            if (entry := store.wait_for(key)) is not None:
                return _served(entry, request, "hit")
        elif (found := store.find(key)).current:  # rendered as this one asked
            store.rendered(key)
            return _served(found.entry, request, "hit")
        try:
            response = self.get_response(request)
            if not queries.all_read(request):
                return _private(response)  # its address is not the page's
            if not _may_store(response):
                return _unless_personal(response)
            page_tags = tags.of_page(request)
            response[store.TAG_HEADER] = " ".join(page_tags)
            if store.save(key, response, page_tags, snapshot):
                response[HIT_HEADER] = "miss"
            _mark_shared(response, snapshot.until)
            return response
        finally:
            if claimed:
                store.rendered(key)


def _may_share(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.COOKIES
        # A forwarder header may move it (SCRIPT_NAME): its links would be
        # wrong for every other reader.
        and get_script_prefix() == _configured_prefix()
    )


def _configured_prefix():
    return (settings.FORCE_SCRIPT_NAME or "").rstrip("/") + "/"


def _may_store(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not any(word in cache_control for word in ("private", "no-store"))
        and "Cookie" not in response.get("Vary", "")
    )


def _private(response):
    """Nobody else's: no shared cache, and no browser's disk, keeps it."""
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _unless_personal(response):
    return _private(response) if response.cookies else response


def _served(entry, request, how):
    response = HttpResponse(entry["content"], headers=entry["headers"])
    response["ETag"] = entry["etag"]
    patch_vary_headers(response, ("Accept-Encoding",))
    if re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")):
        response.content = entry["gzip"]
        response["Content-Encoding"] = "gzip"
        response["ETag"] = f"W/{entry['etag']}"  # as GZipMiddleware marks it
    response[HIT_HEADER] = how
    if how != "stale":
        _mark_shared(response, entry["until"])
    elif "Cache-Control" not in response:
        # Only until the page rendering now replaces it.
        patch_cache_control(response, public=True, max_age=0, s_maxage=STALE_SECONDS)
    return response


def _mark_shared(response, until):
    """Let browsers revalidate, and shared caches keep the page a little.

    No shared cache may keep it, stale or not, past the next moment the
    clock changes a page (``until``): a page cached before a scheduled
    article goes live must not hide it.
    """
    if "Cache-Control" in response:
        return
    fresh = stale = settings.HTTP_CACHE_SECONDS
    if until is not None:
        left = max(0, math.floor(until - time.time()))
        fresh = min(fresh, left)
        stale = min(stale, left - fresh)
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=fresh,
        stale_while_revalidate=stale,
    )
