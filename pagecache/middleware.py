"""Whole pages for readers without cookies, from the cache every server shares.

A request may be answered from the cache when it is a GET or HEAD with no
cookie at all: a cookie means staff (session), a commenter whose pending
comment or remembered name shows on the page, so those pages are always
rendered for them. A response is stored only when it is a 200 that sets no
cookie and does not ask to be kept private. Keys hold the site's address, so
a new SITE_URL never serves pages that link to the old one.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from pagecache import generation

# Headers a stored page is served with; the rest are added on the way out.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")
HIT_HEADER = "X-Page-Cache"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or not _may_share(request):
            return self.get_response(request)
        request.get_host()  # refuse hosts not in ALLOWED_HOSTS before a hit
        key = _key(request, generation.current())
        stored = cache.get(key)
        if stored is not None:
            return _rebuild(stored)
        response = self.get_response(request)
        if _may_store(response):
            cache.set(key, _pack(response), settings.PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        _mark_shared(response)
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


def _key(request, current):
    address = f"{settings.SITE_URL}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"pagecache:{current}:{digest}"


def _pack(response):
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    return {"content": response.content, "headers": headers}


def _rebuild(stored):
    response = HttpResponse(stored["content"], headers=stored["headers"])
    response[HIT_HEADER] = "hit"
    _mark_shared(response)
    return response


def _mark_shared(response):
    """Let browsers revalidate, and shared caches keep the page a little."""
    if response.status_code == 200 and "Cache-Control" not in response:
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.HTTP_CACHE_SECONDS,
            stale_while_revalidate=settings.HTTP_CACHE_SECONDS,
        )
