import hashlib

from django import template
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from seo.conf import settings
from seo.jsonld import graph_script
from seo.meta import absolute

register = template.Library()


@register.simple_tag
def seo_head(meta):
    """Title, description, canonical, robots, Open Graph, Twitter and JSON-LD.

    All of it follows from ``meta`` (a PageMeta, plain data) and the
    settings, so the HTML is kept in the worker's memory under what ``meta``
    says: a page that describes itself differently gets a new key.
    """
    key = f"seo:head:{hashlib.sha256(repr(meta).encode()).hexdigest()}"
    html = caches["fragments"].get(key)
    if html is None:
        html = render_to_string(
            "seo/head.html",
            {
                "meta": meta,
                "site_name": settings.SITE_NAME,
                "locale": settings.SEO_LOCALE,
                "image_url": absolute(meta.image.url) if meta.image else "",
                "jsonld": mark_safe(graph_script(meta)),  # noqa: S308 - escaped JSON
            },
        )
        caches["fragments"].set(key, html, None)
    return mark_safe(html)  # noqa: S308 - rendered by the template above
