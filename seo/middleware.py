from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.http import HttpResponseGone
from django.template.loader import render_to_string


class SiteGoneResponse(HttpResponseGone):
    """410 Gone with the site's own page instead of an empty body."""

    def __init__(self):
        super().__init__(render_to_string("410.html"))


class RedirectMiddleware(RedirectFallbackMiddleware):
    """Django's redirects, answering removed pages with a styled 410."""

    response_gone_class = SiteGoneResponse
