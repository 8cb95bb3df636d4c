"""Which query strings a shared page may be stored under.

A page is stored under its address with the query parameters it reads
(``page``, ``q``…), never under one it does not use: each new
``?x=<random>`` would otherwise store another copy of the same page and push
real pages out of the cache. Campaign parameters (``utm_*``, ``fbclid``…)
are dropped before the page renders, so they map to the plain address; an
address with any other parameter a page could not use is rendered for its
reader and not stored. A page that did not read every parameter it was given
(``/?page=7`` on the home page) is not stored either.
"""

from fnmatch import fnmatchcase
from urllib.parse import parse_qsl, urlencode

from django.http import QueryDict

from pagecache.conf import settings


def share_query(request):
    """Prepare ``request`` for the page cache: campaign parameters gone, the
    rest in a fixed order and watched. False when it has a parameter no page
    uses, and so must not be shared."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    ignored = settings.PAGE_CACHE_IGNORED_QUERY
    kept = sorted(
        (name, value)
        for name, value in pairs
        if not any(fnmatchcase(name, pattern) for pattern in ignored)
    )
    if any(name not in settings.PAGE_CACHE_QUERY_KEYS for name, _ in kept):
        return False
    request.META["QUERY_STRING"] = urlencode(kept)
    request.GET = WatchedQuery(request.META["QUERY_STRING"])
    return True


def all_read(request):
    """Whether the page read every query parameter it was given."""
    query = request.GET
    return not isinstance(query, WatchedQuery) or query.read >= set(query.names)


class WatchedQuery(QueryDict):
    """``request.GET`` that notes which parameters the page read."""

    def __init__(self, query_string=None, mutable=False, encoding=None):
        self.read = set()
        super().__init__(query_string, mutable=mutable, encoding=encoding)
        self.read = set()  # filling it in was no read

    @property
    def names(self):
        return set(super().keys())

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    # Whatever reads the whole query (a copy, iterating it) reads it all.
    def __iter__(self):
        self.read |= self.names
        return super().__iter__()

    def lists(self):
        self.read |= self.names
        return super().lists()

    def keys(self):
        self.read |= self.names
        return super().keys()
