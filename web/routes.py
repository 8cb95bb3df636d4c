"""The site's own addresses, reversed once per worker.

A page names the same addresses on every request (its header's links, each
article's address, a sitemap's thousands), and reverse() costs tens of
microseconds each time. An address depends only on the route, its
arguments, the URLconf and the script prefix, so it is kept under all four;
the site has no translated URL patterns.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

# Enough for every article's address and card on a large site's sitemap.
REMEMBERED = 20_000


def cached_reverse(viewname, *args, **kwargs):
    """reverse(viewname, args=args, kwargs=kwargs), remembered."""
    key = tuple(sorted(kwargs.items()))
    return _reverse(viewname, args, key, get_urlconf(), get_script_prefix())


@lru_cache(maxsize=REMEMBERED)
def _reverse(viewname, args, kwargs, urlconf, prefix):
    # reverse() reads the same script prefix this thread has now.
    return reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs))


@receiver(setting_changed)
def _forget_on_new_urlconf(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()
