"""Which pages in the shared cache are current: one generation for the site.

Every cached page is stored under the generation it was rendered in. Any
change that could show on a page (an article, a comment, a redirect, a
series…) starts a new generation, so every page on every server renders
afresh on its next request; nothing waits for a timeout. Changes that come
by the clock (a scheduled article going live, an expiry, comments closing)
are known in advance: the generation records the next such moment, and the
first request after it starts a new generation.

Writes are rare on a publishing site and reads many, so one generation for
the whole site keeps the rule simple at no real cost in hit rate.
"""

import logging
import threading
import time
from contextlib import contextmanager

from django.core.cache import cache
from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)

STATE_KEY = "pagecache:generation"
# Functions returning the next moment (a datetime) the site changes by the
# clock, or None; articles registers one (publish times, expiries, comments
# closing).
_timers = []
_batch = threading.local()


def register_timer(function):
    _timers.append(function)
    return function


def current(state):
    """The state pages are stored under now: its generation, and the moment
    (a Unix time, or None) the clock next changes a page.

    A new generation starts when there is none yet or its timer ran out.
    """
    if state is None or (state["until"] is not None and time.time() >= state["until"]):
        return invalidate()
    return state


@contextmanager
def one_change():
    """Thousands of changes (an import) start one new generation, at the end.

    Inside, saves start none: each would otherwise cost a cache write and
    the timers' queries. Pages rendered meanwhile are replaced at the end.
    """
    _batch.depth = getattr(_batch, "depth", 0) + 1
    try:
        yield
    finally:
        _batch.depth -= 1
        if not _batch.depth:
            _invalidate_quietly()


def changed():
    """Something pages show has changed (or will, when this transaction commits).

    A new generation starts now, so no page is stored under the old one from
    here on, and again once committed: a page rendered in between, from data
    not yet committed, was stored under the generation the second replaces.
    Signals call this for saves and deletes; bulk updates call it themselves.
    """
    if getattr(_batch, "depth", 0):
        return  # one_change() starts the generation when it ends
    _invalidate_quietly()
    transaction.on_commit(_invalidate_quietly)


def _invalidate_quietly():
    try:
        invalidate()
    except DatabaseError:
        # No cache table yet (a first migrate): no page can be cached either.
        logger.debug("Page cache not invalidated: its table is not there yet.")


def invalidate():
    """Start a new generation: every cached page is rendered afresh.

    Runs in a savepoint, so tables not there yet (mid-migration: the cache's,
    the articles' the timers read) spoil no transaction around it.
    """
    with transaction.atomic():
        state = {"generation": time.time_ns(), "until": _next_change()}
        cache.set(STATE_KEY, state, None)
    return state


def _next_change():
    """The next moment any timer names, as a Unix time, or None."""
    moments = [moment for timer in _timers if (moment := timer()) is not None]
    return min(moments).timestamp() if moments else None
