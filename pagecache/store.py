"""Stored pages: in the cache every server shares, and in this worker's memory.

An entry holds the page (its body, gzipped body, ETag and headers), its cache
tags with the versions they had before it rendered (versions.py), and the
next moment the clock changes a page. A page this worker has served before
is checked in one round trip: the versions of its tags, the page itself
coming from memory.
"""

import gzip
import time

from django.core.cache import cache
from django.utils.cache import set_response_etag

from pagecache import versions
from pagecache.conf import settings
from pagecache.local import LocalPages

# Headers a stored page is served with; the rest are added on the way out.
# The page's cache tags (tags.py), space-separated, for Varnish's xkey.
TAG_HEADER = "xkey"
KEPT_HEADERS = (
    "Cache-Control", "Content-Type", "Content-Language", "Last-Modified", "Link",
    "X-Robots-Tag", TAG_HEADER,
)  # fmt: skip
POLL_SECONDS = 0.02
local_pages = LocalPages(settings.PAGE_CACHE_LOCAL_BYTES)


class Found:
    """What the caches hold under a key: the entry (or None), and whether it
    is current."""

    def __init__(self, entry, current_versions=None):
        self.entry = entry
        self.current = entry is not None and versions.is_current(
            entry, current_versions or {}
        )


def find(key):
    """The page stored under ``key``, from memory when this worker has it."""
    entry = local_pages.get(key)
    if entry is not None:
        found = Found(entry, versions.read(entry["tags"]))
        if found.current:
            return found
    entry = cache.get(key)
    if entry is None:
        return Found(None)
    found = Found(entry, versions.read(entry["tags"]))
    if found.current:
        local_pages.put(key, entry)
    return found


def save(key, response, tags, snapshot):
    """Store the page ``response`` rendered, under the versions ``snapshot``
    read before it rendered; False when they are not known."""
    snapshot = snapshot.complete(tags)
    if snapshot is None:
        return False
    entry = _pack(response, tags, snapshot)
    cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
    local_pages.put(key, entry)
    return True


def rendering(key):
    """Claim the render of ``key``: True for the one request that may render
    it now, while others wait for it or serve its previous copy."""
    return cache.add(_lock(key), True, settings.PAGE_CACHE_RENDER_SECONDS)


def rendered(key):
    cache.delete(_lock(key))


def wait_for(key):
    """The page once the request rendering it has stored it, or None when
    that request gave up or took longer than a render may."""
    deadline = time.monotonic() + settings.PAGE_CACHE_RENDER_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        rendering_now = cache.get(_lock(key)) is not None
        found = find(key)
        if found.current:
            return found.entry
        if not rendering_now:
            return None
    return None


def _lock(key):
    return f"{key}:rendering"


def _pack(response, tags, snapshot):
    """The page as stored: its ETag and gzipped body are computed once, here.

    A shared page holds no secret (no CSRF token, nothing personal), so one
    compressed body for all readers gives BREACH nothing to work on.
    """
    set_response_etag(response)
    return {
        "tags": sorted(tags),
        "versions": {tag: snapshot.versions[tag] for tag in tags},
        "at_once": {tag: snapshot.at_once[tag] for tag in tags},
        "until": snapshot.until,
        "expires": time.time() + settings.PAGE_CACHE_SECONDS,
        "etag": response["ETag"],
        "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
        "content": response.content,
        "gzip": gzip.compress(response.content, mtime=0),
    }
