"""Each worker's own counts, added up in memory and handed to the shared
cache every ANALYTICS_FLUSH_SECONDS by a thread of the worker, so that a
beacon costs no query and no round trip to the cache.

The buffer is bounded: past ANALYTICS_BUFFER_SIZE counts the thread is woken
at once, and past ten times that (the cache is away) new counts are dropped
and the number dropped is logged. A worker that stops (SIGTERM, SIGINT, a
recycle) hands over what it holds first. Counts of a day are handed over
until half the ANALYTICS_CLOSE_MINUTES after its midnight: after that the
fold may have closed the day, and they are dropped.
"""

import atexit
import hashlib
import logging
import os
import secrets
import threading
from datetime import timedelta

from django.db import connections
from django.utils import timezone

from analytics import store
from analytics.conf import settings

logger = logging.getLogger(__name__)
# After a failed attempt to fetch the day's salt, the next try waits this long.
SALT_RETRY_SECONDS = 10


class Tally:
    """The counts of this process, until they are in the shared cache."""

    def __init__(self):
        self.pid = None

    def _own(self):
        """Fresh state in a new process: a worker forked from a parent that
        counted starts with nothing of the parent's, and a name of its own."""
        if self.pid == os.getpid():
            return
        self.pid = os.getpid()
        self.worker = f"{secrets.token_hex(6)}-{self.pid}"
        self.lock = threading.Lock()
        self.flushing = threading.Lock()  # one hand-over at a time
        self.wake = threading.Event()
        self.pending, self.size, self.dropped = {}, 0, 0
        self.numbers, self.claimed = {}, set()
        self.salt, self.salt_day, self.salt_retry = None, None, None
        self.flusher = None
        atexit.register(self.flush)

    def view(self, *, path, referrer=None, visitor=None):
        """One opening of ``path``; ``visitor`` is (address, user agent), or
        None when the reader asks not to be tracked."""
        day = store.today()
        key = self.visitor_key(day, visitor) if visitor else None

        def count(batch):
            _add(batch["views"], path)
            if referrer:
                _add(batch["referrers"], (path, referrer))
            if key:
                seen = batch["visitors"].setdefault(key, [])
                if path not in seen:
                    seen.append(path)

        self._count(day, count)

    def read(self, *, path):
        self._count(store.today(), lambda batch: _add(batch["reads"], path))

    def search(self, *, query):
        """A search of the site that found nothing."""
        self._count(store.today(), lambda batch: _add(batch["searches"], query))

    def visitor_key(self, day, visitor):
        """A short keyed hash of the site, the address and the user agent,
        under the day's salt: the same visitor has the same key all day and
        another key the next. None while the salt cannot be had."""
        self._own()
        if self.salt_day != day:
            self.salt, self.salt_day = None, None
            if self.salt_retry and timezone.now() < self.salt_retry:
                return None
            if (salt := store.salt(day)) is None:
                self.salt_retry = timezone.now() + timedelta(seconds=SALT_RETRY_SECONDS)
                return None
            self.salt, self.salt_day, self.salt_retry = salt, day, None
        address, user_agent = visitor
        material = f"{settings.SITE_URL}\n{address}\n{user_agent}".encode()
        return hashlib.blake2b(material, key=self.salt, digest_size=8).hexdigest()

    def _count(self, day, count):
        self._own()
        with self.lock:
            if self.size >= 10 * settings.ANALYTICS_BUFFER_SIZE:
                self.dropped += 1
                return
            count(self.pending.setdefault(day, store.empty()))
            self.size += 1
            if self.size >= settings.ANALYTICS_BUFFER_SIZE:
                self.wake.set()
        if self.flusher is None and settings.ANALYTICS_FLUSH_SECONDS:
            self.flusher = threading.Thread(
                target=self._flush_now_and_then, name="analytics-flush", daemon=True
            )
            self.flusher.start()

    def _flush_now_and_then(self):
        while True:
            self.wake.wait(settings.ANALYTICS_FLUSH_SECONDS)
            self.wake.clear()
            self.flush()
            # This thread's own database connection, if the cache is there.
            connections.close_all()

    def flush(self):
        """Hand every pending count to the shared cache; what cannot be
        written waits for the next time."""
        self._own()
        with self.flushing:
            self._hand_over()

    def _hand_over(self):
        with self.lock:
            pending, self.pending, self.size = self.pending, {}, 0
            dropped, self.dropped = self.dropped, 0
            if self.salt_day != store.today():
                self.salt, self.salt_day = None, None  # the day is over: forget it
        if dropped:
            logger.warning("%s counts dropped: the shared cache took none.", dropped)
        for day, batch in sorted(pending.items()):
            if self._too_late(day):
                logger.warning("Counts of %s came too late to be kept.", day)
            elif not self._write(day, batch):
                with self.lock:
                    store.merge(self.pending.setdefault(day, store.empty()), batch)
                    self.size += 1

    def _too_late(self, day):
        minutes = settings.ANALYTICS_CLOSE_MINUTES / 2
        return timezone.now() >= store.midnight_after(day) + timedelta(minutes=minutes)

    def _write(self, day, batch):
        if day not in self.claimed:
            if not store.claim_slot(day, self.worker):
                return False
            self.claimed.add(day)
        number = self.numbers.get(day, 0)
        if not store.write_batch(day, self.worker, number, batch):
            return False
        self.numbers[day] = number + 1
        return True


def _add(counts, what):
    counts[what] = counts.get(what, 0) + 1


# The one tally of this process.
tally = Tally()
