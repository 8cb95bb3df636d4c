"""The one call for "something pages show has changed"."""

import threading
from contextlib import contextmanager

from django.db import transaction

from pagecache import purge, versions

_batch = threading.local()


def changed(stale_tags, *, at_once=False):
    """The pages ``stale_tags()`` names are stale (or will be, when this
    transaction commits): fresh at once from the page cache, and from caches
    in front once the change commits.

    ``at_once``: the change took something away (a removed comment, an
    article taken down); no copy from before it may stand in while a page
    renders again, in the page cache or in Varnish.

    Their versions move on now, so no page is stored as current under the
    old ones from here on, and again once committed: a page rendered in
    between, from data not yet committed, is stale under the second.
    """
    tags = set(stale_tags())
    if not tags:
        return
    if getattr(_batch, "depth", 0):
        _batch.tags |= tags
        _batch.at_once |= at_once
        return
    versions.move_on(tags, at_once=at_once)
    transaction.on_commit(lambda: _committed(tags, at_once))


def _committed(tags, at_once):
    versions.move_on(tags, at_once=at_once)
    versions.refresh_clock()
    purge.purge_http_caches_later(tags, at_once=at_once)


@contextmanager
def one_change():
    """Thousands of changes (an import) move the versions on once, at the end.

    Inside, saves move none: each would otherwise cost cache writes, the
    clock's queries and a purge. Pages rendered meanwhile are stale at the end.
    """
    if not getattr(_batch, "depth", 0):
        _batch.tags, _batch.at_once = set(), False
    _batch.depth = getattr(_batch, "depth", 0) + 1
    try:
        yield
    finally:
        _batch.depth -= 1
        if not _batch.depth and _batch.tags:
            _committed(_batch.tags, _batch.at_once)
