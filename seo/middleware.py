from urllib.parse import urlencode

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.http import HttpResponseGone, HttpResponsePermanentRedirect
from django.template.loader import render_to_string

# Query-string addresses of a site moved here (WordPress's ?p=123, ?page_id=,
# ?attachment_id=) sit on a path that answers 200, usually the home page:
# their stored redirects are looked up before the view, not after a 404.
EARLY_QUERY_KEYS = ("p", "page_id", "attachment_id")


class SiteGoneResponse(HttpResponseGone):
    """410 Gone with the site's own page instead of an empty body."""

    def __init__(self):
        super().__init__(render_to_string("410.html"))


class RedirectMiddleware:
    """Django's stored redirects for addresses that would answer 404.

    Like contrib.redirects' fallback middleware, but an address with a query
    string (``/old/?utm_source=x``) also finds the redirect stored for its
    path, and keeps its query string on the way; an exact match, such as an
    old ``/?p=123``, wins. An empty destination answers a styled 410.
    Addresses with one of EARLY_QUERY_KEYS are looked up first of all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if early := self._early(request):
            return early
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        redirects = Redirect.objects.filter(site_id=settings.SITE_ID)
        # Percent-encoded, as stored: a %00 in the address stays text.
        full_path = request.get_full_path()
        path, _, query = full_path.partition("?")
        exact = redirects.filter(old_path=full_path).first()
        if exact is not None:
            return self._answer(exact.new_path, "")
        by_path = redirects.filter(old_path=path).first()
        if by_path is not None:
            return self._answer(by_path.new_path, query)
        return response

    def _early(self, request):
        """The stored redirect of an address such as /?p=123, if any."""
        key = next((key for key in EARLY_QUERY_KEYS if key in request.GET), None)
        if key is None:
            return None
        path = request.get_full_path().partition("?")[0]
        old_path = f"{path}?{urlencode({key: request.GET[key]})}"
        redirects = Redirect.objects.filter(site_id=settings.SITE_ID)
        found = redirects.filter(old_path=old_path).first()
        return self._answer(found.new_path, "") if found else None

    @staticmethod
    def _answer(new_path, query):
        if not new_path:
            return SiteGoneResponse()
        separator = "&" if "?" in new_path else "?"
        return HttpResponsePermanentRedirect(
            f"{new_path}{separator}{query}" if query else new_path
        )
