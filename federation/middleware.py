"""An article's address answers in HTML or as an ActivityPub object, by the
Accept header; both tiers of the page cache keep the two apart.

Above the page cache, a request for activity+json (or ld+json with the
ActivityStreams profile) to an article's address is led to the object's own
route, so the page cache, keyed by path, stores it apart from the HTML; both
answers say ``Vary: Accept`` for caches in front (deploy/varnish/site.vcl
reduces Accept to those two kinds). WebFinger answers are readable from any
origin, as RFC 7033 asks.
"""

from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_vary_headers

from articles.models import Article
from federation.conf import settings

AS_PROFILE = "https://www.w3.org/ns/activitystreams"


def wants_activity(accept):
    """Whether an Accept header asks for an ActivityPub object."""
    for part in accept.lower().split(","):
        kind, *params = (piece.strip() for piece in part.split(";"))
        if kind == "application/activity+json":
            return True
        if kind == "application/ld+json" and any(AS_PROFILE in p for p in params):
            return True
    return False


class ContentNegotiationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.FEDERATION_ENABLED or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        slug = _article_slug(request.path_info)
        if slug is None:
            response = self.get_response(request)
            if request.path_info == reverse("federation:webfinger"):
                response["Access-Control-Allow-Origin"] = "*"
            return response
        if wants_activity(request.headers.get("Accept", "")):
            request.path = request.path_info = reverse(
                "federation:article", args=[slug]
            )
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept",))
        return response


def _article_slug(path):
    """The slug of the article whose page ``path`` is, or None."""
    if not path.startswith(Article.url_prefix):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.kwargs["slug"] if match.view_name == Article.detail_url_name else None
