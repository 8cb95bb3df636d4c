"""Cache tags: what each cached page shows, and which pages a change makes stale.

Every page the page cache shares carries the tags of what it shows, in the
page cache (versions.py) and to caches in front (Varnish, a CDN), which
purge by them. Models that pages show declare the tags a change to them
makes stale with a ``purge_tags()`` method; a model without one changes no
page (a draft, a presence, a session, a counter…):

- ``article-12``: the page of article 12, and every page that shows it (the
  other parts of its series, the articles it appears next to as related, the
  lists whose cards show its number of comments);
- ``series-3``, ``topic-5``: pages that may start or stop showing an article
  of that series or topic (its parts, related articles);
- ``lists``: home, archives, topics, series, feeds, search: what any new or
  changed article may join or leave. A page that names no tags of its own
  is a list;
- ``comments``: the site's feeds of the latest comments;
- ``sitemaps``: the sitemaps and llms.txt;
- ``site``: every page, for what every page shows (the header's links).
"""

from functools import wraps

SITE = "site"
LISTS = "lists"
COMMENTS = "comments"
SITEMAPS = "sitemaps"


def tag_for(model, pk):
    return f"{model._meta.model_name}-{pk}"


def tag_of(instance):
    return tag_for(type(instance), instance.pk)


def tag(request, *tags):
    """Add tags to the page being rendered for ``request``."""
    request.cache_tags = getattr(request, "cache_tags", set()) | set(tags)


def listing(request, shown):
    """A list page: it changes with the lists, and with each item it shows
    (an article's card shows its number of comments)."""
    tag(request, LISTS, *map(tag_of, shown))


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


def declares_tags(model):
    """Whether a change to ``model`` can change a page: it says which."""
    return callable(getattr(model, "purge_tags", None))
