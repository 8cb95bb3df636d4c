"""Whole pages for readers without cookies, from the cache every server shares.

A request may be answered from the cache when it is a GET or HEAD with no
cookie at all: a cookie means staff (session), a commenter whose pending
comment or remembered name shows on the page, so those pages are always
rendered for them. A response is stored only when it is a 200 that sets no
cookie and does not ask to be kept private. Keys hold the site's address, so
a new SITE_URL never serves pages that link to the old one, the static
files' manifest, so a release with new stylesheets or scripts never serves
pages that name files it no longer has, and the settings, so a restart with
a new retention period never serves a privacy notice naming the old one.
"""

import functools
import gzip
import hashlib
import json
import math
import time

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import (
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from pagecache import generation, tags
from pagecache.conf import settings as pagecache_settings
from web.app_settings import every_app_setting

# Headers a stored page is served with; the rest are added on the way out.
# The page's cache tags (tags.py), space-separated, for Varnish's xkey.
TAG_HEADER = "xkey"
KEPT_HEADERS = (
    "Cache-Control", "Content-Type", "Content-Language", "Last-Modified", "Link",
    "X-Robots-Tag", TAG_HEADER,
)  # fmt: skip
HIT_HEADER = "X-Page-Cache"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or not _may_share(request):
            return self.get_response(request)
        request.get_host()  # refuse hosts not in ALLOWED_HOSTS before a hit
        key = _key(request)
        # The generation and the page in one round trip to the cache.
        found = cache.get_many([generation.STATE_KEY, key])
        state = generation.current(found.get(generation.STATE_KEY))
        stored = found.get(key)
        if stored is not None and stored["generation"] == state["generation"]:
            response = _rebuild(stored, request)
        else:
            response = self.get_response(request)
            if not _may_store(response):
                return response
            response[TAG_HEADER] = " ".join(tags.of_page(request))
            cache.set(
                key, _pack(response, state), pagecache_settings.PAGE_CACHE_SECONDS
            )
            response[HIT_HEADER] = "miss"
        _mark_shared(response, state["until"])
        return response


def _may_share(request):
    return request.method in ("GET", "HEAD") and not request.COOKIES


def _may_store(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not any(word in cache_control for word in ("private", "no-store"))
        and "Cookie" not in response.get("Vary", "")
    )


def _key(request):
    release = getattr(staticfiles_storage, "manifest_hash", "")
    fingerprint = f"{release} {_settings_digest()}"
    address = f"{fingerprint} {settings.SITE_URL}{request.get_full_path()}"
    return f"pagecache:{hashlib.sha256(address.encode()).hexdigest()}"


# Settings that differ between the servers of one site without changing what
# a page shows: where each finds its database, cache and peers.
SERVER_SETTINGS = {
    "DATABASES", "DATABASE_REPLICAS", "CACHES", "HTTP_CACHE_PURGE_URLS", "STORAGES",
}  # fmt: skip


@functools.cache
def _settings_digest():
    """A fingerprint of the settings pages may show, the same in every worker
    and on every server that runs with them. Values that are not plain data
    (functions, classes) are left out: their text differs by process."""
    plain = {}
    every = {name: getattr(settings, name) for name in dir(settings) if name.isupper()}
    for name, value in (every | every_app_setting()).items():
        if name in SERVER_SETTINGS:
            continue
        try:
            plain[name] = json.dumps(value, sort_keys=True)
        except (TypeError, ValueError):
            continue
    material = json.dumps(plain, sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()[:16]


@receiver(setting_changed)
def _forget_settings_digest(**kwargs):
    _settings_digest.cache_clear()


def _pack(response, state):
    """The page as stored: its ETag and gzipped body are computed once, here.

    A shared page holds no secret (no CSRF token, nothing personal), so one
    compressed body for all readers gives BREACH nothing to work on.
    """
    set_response_etag(response)
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    return {
        "generation": state["generation"],
        "etag": response["ETag"],
        "headers": headers,
        "content": response.content,
        "gzip": gzip.compress(response.content, mtime=0),
    }


def _rebuild(stored, request):
    response = HttpResponse(stored["content"], headers=stored["headers"])
    response["ETag"] = stored["etag"]
    patch_vary_headers(response, ("Accept-Encoding",))
    if re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")):
        response.content = stored["gzip"]
        response["Content-Encoding"] = "gzip"
        response["ETag"] = f"W/{stored['etag']}"  # as GZipMiddleware marks it
    response[HIT_HEADER] = "hit"
    return response


def _mark_shared(response, until):
    """Let browsers revalidate, and shared caches keep the page a little.

    Only for what the page cache itself shares: a response it would not
    store (one that sets a cookie, say) is no page for a CDN either. No
    shared cache may keep it, stale or not, past the next moment the clock
    changes a page (``until``): a page cached before a scheduled article
    goes live must not hide it.
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
