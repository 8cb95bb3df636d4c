"""Purge tagged pages from the HTTP caches in front (HTTP_CACHE_PURGE_URLS).

Each node gets one ``PURGE`` request naming the tags in an ``xkey-purge``
header, as deploy/varnish/site.vcl expects. It runs in the task worker, so
an editor's save never waits on a cache node, slow or down.
"""

import logging
import urllib.request

from django.conf import settings
from django.db import transaction
from django_tasks import task

logger = logging.getLogger(__name__)


def purge_on_commit(stale_tags):
    """Queue a purge of the tags ``stale_tags()`` names once the change that
    made them stale commits; they are worked out only when there are caches
    to purge.

    Registered after the page cache's own new generation, so a node that
    fetches the page again at once gets it rendered afresh.
    """
    if not settings.HTTP_CACHE_PURGE_URLS:
        return
    if tags := sorted(stale_tags()):
        transaction.on_commit(lambda: purge_http_caches.enqueue(tags))


@task()
def purge_http_caches(tags):
    """Purge ``tags`` on every cache node; fail (and log) if any node refused."""
    failed = []
    for url in settings.HTTP_CACHE_PURGE_URLS:
        request = urllib.request.Request(  # noqa: S310 - the owner's own nodes
            url, method="PURGE", headers={"xkey-purge": " ".join(tags)}
        )
        try:
            with urllib.request.urlopen(request, timeout=10):  # noqa: S310
                pass
        except OSError as error:  # refused, unreachable, or an HTTP error
            logger.error("Purge of %s on %s failed: %s", tags, url, error)
            failed.append(url)
    if failed:
        raise RuntimeError(f"Cache nodes not purged: {', '.join(failed)}")
