"""The busiest stored pages, kept in each worker's memory as well.

A page found here is still checked against its tags' versions in the shared
cache, so it is never served once stale; what memory saves is carrying the
page itself out of the shared cache, and unpickling it, at every request.
"""

import threading
import time
from collections import OrderedDict


class LocalPages:
    """Stored pages by key, the least recently used dropped past ``max_bytes``."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self._pages = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._pages.get(key)
            if entry is None:
                return None
            if entry["expires"] <= time.time():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return entry

    def put(self, key, entry):
        size = _size(entry)
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._pages:
                self._drop(key)
            self._pages[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._pages)))

    def _drop(self, key):
        self._bytes -= _size(self._pages.pop(key))


def _size(entry):
    return len(entry["content"]) + len(entry["gzip"])
