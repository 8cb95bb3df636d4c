"""Cross-site request protection for forms on pages shared through a cache.

Django's CSRF token cannot be baked into a page that the page cache serves
to every reader (one reader's token for all), so forms on shared pages are
protected the way Go 1.25's CrossOriginProtection does it: browsers say
where a request comes from. Sec-Fetch-Site (every current browser) must be
same-origin or none (typed, or a bookmark); without it, an Origin header must
be this site's (or in CSRF_TRUSTED_ORIGINS). A request with neither is not
from a browser, so no reader's cookies ride on it; the comment form still
needs its signed timestamp, which only a page of this site carries.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def cross_origin_protected(view):
    """Refuse unsafe requests a browser says come from another site (403)."""

    @csrf_exempt
    @wraps(view)
    def protected(request, *args, **kwargs):
        if request.method not in SAFE_METHODS and not same_origin(request):
            return render(request, "403_cross_site.html", status=403)
        return view(request, *args, **kwargs)

    return protected


def same_origin(request):
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS
