"""Cache tags: which cached pages a change makes stale, in caches in front.

The page cache itself starts a new generation at any change (generation.py).
Caches in front of the site (Varnish, a CDN) keep pages until purged, so
each page carries the tags of what it shows, and each change purges the tags
of the pages it affects:

- ``article-12``: the page of article 12, and every page that shows it (the
  other parts of its series, the articles it appears next to as related);
- ``series-3``, ``topic-5``: pages that may start or stop showing an article
  of that series or topic (its parts, related articles);
- ``lists``: home, archives, topics, series, feeds, search, comment pages.
  A page that names no tags of its own is a list;
- ``sitemaps``: the sitemaps and llms.txt;
- ``site``: every page, for changes anywhere (a redirect, an author).
"""

from functools import wraps

SITE = "site"
LISTS = "lists"
SITEMAPS = "sitemaps"


def tag_for(model, pk):
    return f"{model._meta.model_name}-{pk}"


def tag_of(instance):
    return tag_for(type(instance), instance.pk)


def tag(request, *tags):
    """Add tags to the page being rendered for ``request``."""
    request.cache_tags = getattr(request, "cache_tags", set()) | set(tags)


def tagged(*tags):
    """A view whose pages carry ``tags`` rather than being counted as lists."""

    def decorator(view):
        @wraps(view)
        def tagged_view(request, *args, **kwargs):
            tag(request, *tags)
            return view(request, *args, **kwargs)

        return tagged_view

    return decorator


def of_page(request):
    """The tags of the page rendered for ``request``, as a sorted list."""
    return sorted({SITE} | (getattr(request, "cache_tags", None) or {LISTS}))


def of_change(instance):
    """The tags of the pages a change to ``instance`` makes stale.

    A model names them with a ``purge_tags()`` method; a change to one that
    does not (a redirect, an author) may show anywhere.
    """
    purge_tags = getattr(instance, "purge_tags", None)
    return set(purge_tags()) if purge_tags else {SITE}
