"""Which stored pages are current: a version per cache tag, and the clock.

A stored page carries the tags of what it shows (tags.py) and the version
each had when the page was rendered; it is current while every one still
has that version. A change moves on the versions of the tags it makes stale,
so the pages showing it, and only those, render afresh on their next
request, on every server at once; the rest of the site stays cached.

While a stale page renders afresh, its previous copy may stand in for other
readers (the middleware), unless a change took something away for good: a
removed or erased comment, an article taken down. Such a change also moves
the tag's "at once" version, and a copy from before it never stands in.

Changes that come by the clock (an article going live, an expiry, comments
closing) are known in advance: the clock holds the next such moment, and a
page rendered before it is current until then only.

Versions live in the shared cache with no expiry. One that is missing (a
cache emptied, or culled when full) gets a new value, so no page stored
before can pass for current.
"""

import logging
import secrets
import time

from django.core.cache import cache
from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)

VERSION = "pagecache:version:"
AT_ONCE = "pagecache:at-once:"
# Moves on at every change: a render that overlapped none may trust the
# versions it read after it ended.
LATEST = "pagecache:latest"
CLOCK = "pagecache:clock"
# Functions returning the next moment (a datetime) the site changes by the
# clock, or None; the publishing apps register theirs.
_timers = []


def register_timer(function):
    _timers.append(function)
    return function


def version_keys(tags):
    return [VERSION + tag for tag in tags]


def move_on(tags, *, at_once=False):
    """New versions for ``tags``: every page showing them is stale.

    Runs in a savepoint, so a cache table not there yet (a first migrate)
    spoils no transaction around it.
    """
    if not tags:
        return
    version = secrets.token_hex(8)
    # The "at once" versions first: a reader who sees the new version and
    # then asks whether the old copy may stand in must already see them.
    values = {AT_ONCE + tag: version for tag in tags} if at_once else {}
    values |= {VERSION + tag: version for tag in tags}
    values[LATEST] = version
    try:
        with transaction.atomic():
            cache.set_many(values, None)
    except DatabaseError:
        logger.debug("Page cache versions not moved on: no cache table yet.")


class Snapshot:
    """What a page about to render is stored with: its tags' versions as
    they were before it rendered, the latest change, and the next moment
    the clock changes a page. Read in one round trip."""

    def __init__(self, tags):
        self.tags = set(tags)
        keys = [*version_keys(self.tags), *_at_once_keys(self.tags), LATEST, CLOCK]
        found = _with_missing_versions(cache.get_many(keys), keys)
        self.versions = _by_tag(found, VERSION)
        self.at_once = _by_tag(found, AT_ONCE)
        self.latest = found.get(LATEST)
        self.until = _until(found.get(CLOCK))

    def may_stand_in(self, entry):
        """Whether a stale copy may be served while its page renders again:
        no change since it was rendered took anything away."""
        return all(
            self.at_once.get(tag) == version
            for tag, version in entry["at_once"].items()
        )

    def complete(self, tags):
        """The snapshot for the tags the page rendered with, or None when it
        named new ones while a change happened: their versions from before
        the render are unknown, so the page cannot be stored as current."""
        new = set(tags) - self.tags
        if not new:
            return self
        later = Snapshot(new)
        if later.latest != self.latest:
            return None
        self.tags |= new
        self.versions |= later.versions
        self.at_once |= later.at_once
        return self


def is_current(entry, versions):
    """Whether ``entry`` is current, given its tags' ``versions`` now."""
    until = entry["until"]
    return (until is None or time.time() < until) and all(
        versions.get(tag) == version for tag, version in entry["versions"].items()
    )


def fragment_key(tag):
    """What a piece rendered from ``tag``'s data (the header's links) is kept
    under: it changes when the tag's version does, or the clock passes the
    next moment it changes a page."""
    keys = [VERSION + tag]
    found = _with_missing_versions(cache.get_many([*keys, CLOCK]), keys)
    return f"{found[VERSION + tag]}:{_until(found.get(CLOCK))}"


def read(tags):
    """The versions of ``tags`` now, by tag (None where there is none)."""
    return _by_tag(cache.get_many(version_keys(tags)), VERSION)


def refresh_clock():
    """Note the next moment the clock changes a page (after any change that
    may have moved it: a new scheduled article, say)."""
    try:
        with transaction.atomic():
            _set_clock()
    except DatabaseError:
        logger.debug("Page cache clock not set: tables not there yet.")


def _set_clock():
    moments = [moment for timer in _timers if (moment := timer()) is not None]
    until = min(moments).timestamp() if moments else None
    cache.set(CLOCK, {"until": until}, None)
    return until


def _until(clock):
    if clock is None or (clock["until"] is not None and time.time() >= clock["until"]):
        return _set_clock()
    return clock["until"]


def _at_once_keys(tags):
    return [AT_ONCE + tag for tag in tags]


def _with_missing_versions(found, keys):
    """``found`` with a new version for every tag that had none."""
    missing = [
        key for key in keys if key not in found and key.startswith((VERSION, AT_ONCE))
    ]
    if not missing:
        return found
    for key in missing:
        cache.add(key, secrets.token_hex(8), None)
    return found | cache.get_many(missing)


def _by_tag(found, prefix):
    return {
        key.removeprefix(prefix): value
        for key, value in found.items()
        if key.startswith(prefix)
    }
