"""The page cache's system checks (pagecache/apps.py registers them)."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.caches)
def purges_carry_the_secret(app_configs, **kwargs):
    """Cache nodes refuse a PURGE without the shared secret: pages would stay
    stale until they expire."""
    if not settings.HTTP_CACHE_PURGE_URLS or settings.HTTP_CACHE_PURGE_SECRET:
        return []
    return [
        Error(
            "HTTP_CACHE_PURGE_URLS names cache nodes, but HTTP_CACHE_PURGE_SECRET "
            "is not set: every node refuses a purge without it, and changed "
            "pages would stay stale.",
            hint="Set HTTP_CACHE_PURGE_SECRET, and start each node with the same "
            "secret in VARNISH_PURGE_SECRET (deploy/varnish/start.sh).",
            id="pagecache.E001",
        )
    ]
