from django import template

from federation.actors import LocalActor
from federation.conf import settings

register = template.Library()


@register.inclusion_tag("federation/handle.html")
def fediverse_handle(author=None, copy=True):
    """The handle to follow (the site's, or an author's) with a copy button
    and a line on how; nothing while the site is not on the fediverse.
    Without ``copy`` (the footer of every page) just the handle, to select:
    an article page loads no script for it."""
    if not settings.FEDERATION_ENABLED:
        return {"actor": None}
    actor = LocalActor.of_author(author) if author else LocalActor.site()
    return {"actor": actor, "copy": copy}


@register.inclusion_tag("federation/links.html")
def fediverse_links(author=None, article=None, site=False):
    """<link>s to the ActivityPub document of the page (the site's account on
    the home page, an author's on theirs, an article) and, on an article, to
    the webmention endpoint."""
    if not settings.FEDERATION_ENABLED:
        return {"enabled": False}
    actor = LocalActor.site() if site else None
    actor = LocalActor.of_author(author) if author else actor
    return {"enabled": True, "actor": actor, "article": article}
