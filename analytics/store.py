"""What the workers and the fold share in the cache, under which names.

A day (UTC) has a random salt, made by the first worker to count that day
and gone from the cache at midnight; each worker that counts claims a
numbered slot among the day's workers and writes its counts as numbered
batches of its own, each written once with ``add``. Nothing is ever read,
changed and written back by two processes, so the database cache (whose
``incr`` is a read and a write) and Redis behave alike, without locks.

Every key starts with ``stats:``, after the page cache's ``pagecache:`` in
order: a full database cache sheds the first third of its keys in order.
"""

import secrets
from datetime import UTC, datetime, time, timedelta

from django.core.cache import cache
from django.utils import timezone

PREFIX = "stats"
# A safety net only: the fold deletes all of a day's keys once it is over.
KEEP = 3 * 24 * 60 * 60
# Slots and batches are read this many at a time.
CHUNK = 100


def today():
    return timezone.now().astimezone(UTC).date()


def midnight_after(day):
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)


def salt_key(day):
    return f"{PREFIX}:{day}:salt"


def slot_key(day, number):
    return f"{PREFIX}:{day}:worker:{number}"


def slots_key(day):
    return f"{PREFIX}:{day}:workers"


def batch_key(day, worker, number):
    return f"{PREFIX}:{day}:batch:{worker}:{number}"


def state_key(day):
    return f"{PREFIX}:{day}:state"


def salt(day):
    """The day's random salt, made by the first worker to ask; None when the
    cache cannot be reached. It expires at midnight UTC."""
    left = (midnight_after(day) - timezone.now()).total_seconds()
    if left <= 0:
        return None
    cache.add(salt_key(day), secrets.token_bytes(32), timeout=left)
    return cache.get(salt_key(day))


def claim_slot(day, worker):
    """Number ``worker`` among the day's workers; False if the cache failed."""
    first = cache.get(slots_key(day), 0)  # a hint: slots below are taken
    for number in range(first, first + 10 * CHUNK):
        if cache.add(slot_key(day, number), worker, KEEP):
            cache.set(slots_key(day), number + 1, KEEP)
            return True
        if cache.get(slot_key(day, number)) is None:
            return False  # neither taken nor written: the cache failed
    return False


def workers(day):
    """{slot key: worker} of every worker that counted on ``day``."""
    found, start = {}, 0
    while chunk := cache.get_many(
        [slot_key(day, n) for n in range(start, start + CHUNK)]
    ):
        found |= chunk
        start += CHUNK
    return found


def empty():
    """Counts as a batch holds them, and the fold adds them up: by path."""
    return {
        "views": {},
        "reads": {},
        "referrers": {},  # (path, host): views
        "searches": {},  # words that found nothing: searches
        "visitors": {},  # key: [paths opened, in order]
    }


def merge(into, batch):
    """Add ``batch`` to ``into`` (both as ``empty()`` makes them)."""
    for name in ("views", "reads", "referrers", "searches"):
        counts = into[name]
        for what, count in batch[name].items():
            counts[what] = counts.get(what, 0) + count
    for key, paths in batch["visitors"].items():
        seen = into["visitors"].setdefault(key, [])
        seen += [path for path in paths if path not in seen]
    return into


def write_batch(day, worker, number, batch):
    return cache.add(batch_key(day, worker, number), batch, KEEP)


def batches(day, worker, start):
    """The worker's batches from number ``start`` on, up to the first missing:
    [(key, batch)], in order."""
    found = []
    while True:
        keys = [batch_key(day, worker, n) for n in range(start, start + CHUNK)]
        chunk = cache.get_many(keys)
        for key in keys:
            if key not in chunk:
                return found
            found.append((key, chunk[key]))
        start += CHUNK
