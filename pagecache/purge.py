"""Purge tagged pages from the HTTP caches in front (HTTP_CACHE_PURGE_URLS).

Each node gets one ``PURGE`` request naming the tags in an ``xkey-purge``
header (``xkey-purge-at-once`` when no stale copy may stand in), as
deploy/varnish/site.vcl expects, with the shared secret in a ``Purge-Secret``
header, through the site's one outbound client and to those nodes only. It
runs in the task worker, so an editor's
save never waits on a cache node, slow or down.
"""

import logging
import time

from django.conf import settings
from django.db import transaction
from django_tasks import task

from outbound import client
from outbound.client import OutboundError

logger = logging.getLogger(__name__)
PURGE_SECONDS = 10
# Soft: the node may serve its copy stale while it fetches a new one; hard:
# the copy is gone (deploy/varnish/site.vcl).
PURGE_HEADERS = {False: "xkey-purge", True: "xkey-purge-at-once"}
# A node answers a purge with a short page; its text is not used.
ANSWER_MAX_BYTES = 64 * 1024


def purge_http_caches_later(tags, *, at_once=False):
    """Queue a purge of ``tags`` on every cache node, once the change that
    made them stale commits.

    Called after the page cache's own versions moved on, so a node that
    fetches the page again at once gets it rendered afresh. ``at_once``:
    no node may serve its purged copy even while it fetches a new one.
    """
    if settings.HTTP_CACHE_PURGE_URLS and tags:
        tags = sorted(tags)
        transaction.on_commit(lambda: purge_http_caches.enqueue(tags, at_once))


# Readers see an edit once its purge has run: the one task worker takes it
# before the chores the same save queued (search words, link checks, mail).
@task(priority=50)
def purge_http_caches(tags, at_once=False):
    """Purge ``tags`` on every cache node; fail (and log) if any node refused.

    A purge leaves each node a stale copy to serve while it fetches the page
    again (grace), unless ``at_once``.
    """
    failed = []
    for url in settings.HTTP_CACHE_PURGE_URLS:
        try:
            _purge(url, tags, at_once=at_once)
        except OutboundError as error:  # refused, unreachable, or not purged
            logger.error("Purge of %s on %s failed: %s", tags, url, error)
            failed.append(url)
    if failed:
        raise RuntimeError(f"Cache nodes not purged: {', '.join(failed)}")


def _purge(url, tags, *, at_once):
    """One node's PURGE. The node may be on a private network; its host and
    port are the only ones the request may reach, and a redirect is not
    followed."""
    answer = client.request(
        "PURGE",
        url,
        purpose="cache purger",
        deadline=time.monotonic() + PURGE_SECONDS,
        max_bytes=ANSWER_MAX_BYTES,
        headers={PURGE_HEADERS[at_once]: " ".join(tags), **_secret()},
        allow={client.host_and_port(url)},
    )
    if not 200 <= answer.status < 300:
        raise OutboundError(f"its server answered {answer.status}")


def _secret():
    """The header that shows a node the purge is the site's (a check,
    pagecache/checks.py, keeps the site from starting without it)."""
    return {"Purge-Secret": settings.HTTP_CACHE_PURGE_SECRET}
