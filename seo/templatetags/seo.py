from django import template
from django.utils.safestring import mark_safe

from seo.conf import settings
from seo.jsonld import graph_script
from seo.meta import absolute

register = template.Library()


@register.inclusion_tag("seo/head.html")
def seo_head(meta):
    """Title, description, canonical, robots, Open Graph, Twitter and JSON-LD."""
    return {
        "meta": meta,
        "site_name": settings.SITE_NAME,
        "locale": settings.SEO_LOCALE,
        "image_url": absolute(meta.image.url) if meta.image else "",
        "jsonld": mark_safe(graph_script(meta)),  # noqa: S308 - escaped JSON
    }
