"""Which top-level addresses a page may take: none the site already uses."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import URLResolver, get_resolver

from web.health import HEALTH_PATH


def taken_segments(patterns=None):
    """The first path segments of every route outside the pages app, and of
    those answered before the URLconf (static files, the health probe)."""
    segments = {
        settings.STATIC_URL.strip("/"),
        settings.MEDIA_URL.strip("/"),
        HEALTH_PATH.strip("/"),
    }
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        # "robots.txt" and "sitemap.xml" keep "/robots/" and "/sitemap/" too.
        first = re.split(r"[/.<]", str(pattern.pattern))[0]
        if isinstance(pattern, URLResolver) and pattern.app_name == "pages":
            continue
        if isinstance(pattern, URLResolver) and not first:
            segments |= taken_segments(pattern.url_patterns)
        elif first:
            segments.add(first)
    return segments


def validate_free_slug(slug):
    """Refuse a slug whose address belongs to another part of the site."""
    if slug.casefold() in {segment.casefold() for segment in taken_segments()}:
        raise ValidationError(
            "“/%(slug)s/” belongs to another part of the site; choose another slug.",
            code="taken",
            params={"slug": slug},
        )
