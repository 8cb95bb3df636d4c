"""The site's fediverse and IndieWeb addresses: discovery, its accounts and
articles as JSON (cached like pages, tagged like them), and the inboxes and
webmention endpoint, which only check and queue: the task worker does the
work (federation/inbox.py, federation/webmention.py)."""

from functools import wraps

from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from articles.models import Article, Author
from articles.share_images import with_share_image
from comments.models import Comment
from federation import documents, receive
from federation.actors import LocalActor, site_host
from federation.conf import settings
from federation.models import FOLLOWERS_TAG, Publication
from federation.remote import avatar_name
from pagecache import tags
from seo.meta import absolute

ACTIVITY_JSON = "application/activity+json"
NODEINFO = "http://nodeinfo.diaspora.software/ns/schema/2.1"


def activity_response(document, *, status=200):
    return JsonResponse(document, status=status, content_type=ACTIVITY_JSON)


def enabled(view):
    """A view that exists only while FEDERATION_ENABLED."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not settings.FEDERATION_ENABLED:
            raise Http404("The site is not on the fediverse.")
        return view(request, *args, **kwargs)

    return checked


@require_GET
@enabled
def webfinger(request):
    """acct:name@host, or an account's or its profile's address."""
    resource = request.GET.get("resource", "")
    if not resource:
        return HttpResponseBadRequest("Name a resource.")
    actor = _actor_for(resource)
    if actor is None:
        raise Http404("No account here goes by that name.")
    return JsonResponse(documents.webfinger(actor), content_type="application/jrd+json")


def _actor_for(resource):
    if resource.startswith("acct:"):
        name, _, host = resource.removeprefix("acct:").lstrip("@").partition("@")
        return LocalActor.named(name) if host == site_host() else None
    return LocalActor.by_id(resource) or LocalActor.by_profile(resource)


@require_GET
@enabled
def nodeinfo_links(request):
    href = absolute(reverse("federation:nodeinfo"))
    return JsonResponse({"links": [{"rel": NODEINFO, "href": href}]})


@require_GET
@enabled
def nodeinfo(request):
    authors = Author.objects.with_published_articles().count()
    document = {
        "version": "2.1",
        "software": {"name": "backend-intro-site", "version": "1.0.0"},
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": ["atom1.0", "rss2.0"]},
        "openRegistrations": False,
        "usage": {
            "users": {"total": authors + 1},
            "localPosts": Article.objects.published().count(),
        },
        "metadata": {"nodeName": settings.SITE_NAME},
    }
    return JsonResponse(
        document, content_type=f'application/json; profile="{NODEINFO}#"'
    )


def _local_actor(request, account):
    actor = LocalActor.named(account)
    if actor is None:
        raise Http404("No account here goes by that name.")
    tags.tag(request, FOLLOWERS_TAG, tags.LISTS)
    if actor.author:
        tags.tag(request, tags.tag_of(actor.author))
    return actor


@require_GET
@enabled
def actor(request, account):
    document = documents.actor_document(_local_actor(request, account))
    return activity_response(document)


@require_GET
@enabled
def outbox(request, account):
    actor = _local_actor(request, account)
    return activity_response(documents.outbox_collection(actor))


@require_GET
@enabled
def followers(request, account):
    actor = _local_actor(request, account)
    shown = settings.FEDERATION_SHOW_FOLLOWERS
    return activity_response(documents.followers_collection(actor, shown=shown))


@require_GET
@enabled
def featured(request, account):
    actor = _local_actor(request, account)
    return activity_response(documents.featured_collection(actor))


@require_GET
@enabled
def article(request, slug):
    """An article as an ActivityPub object: where its own address leads when
    asked for activity+json (federation/middleware.py)."""
    found = with_share_image(Article.objects.published().select_related("author"))
    article = found.filter(slug=slug).first()
    if article is None:
        return _gone_or_not_found(request, slug)
    tags.tag(request, tags.tag_of(article), tags.tag_of(article.author))
    tags.tag(request, *(tags.tag_of(topic) for topic in article.topics.all()))
    return activity_response(documents.article_object(article))


def _gone_or_not_found(request, slug):
    """410 with a Tombstone for an article the fediverse was sent, else 404."""
    uri = absolute(reverse("articles:detail", args=[slug]))
    if Publication.objects.filter(uri=uri).exists() or (
        Article.objects.gone().filter(slug=slug).exists()
    ):
        return activity_response(documents.tombstone(uri), status=410)
    raise Http404("No article has this address.")


@require_GET
@enabled
def replies(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    tags.tag(request, tags.tag_of(article))
    return activity_response(documents.replies_collection(article))


@require_GET
@enabled
def note(request, pk):
    """A reply the site wrote, as the fediverse sees it."""
    comment = get_object_or_404(
        Comment.objects.approved().filter(is_staff_reply=True), pk=pk
    )
    tags.tag(request, *comment.purge_tags())
    return activity_response(documents.note_object(comment))


@require_GET
def avatar(request, digest):
    """The site's copy of a fediverse account's picture."""
    name = avatar_name(digest)
    if not default_storage.exists(name):
        raise Http404("No such picture.")
    response = FileResponse(default_storage.open(name), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@csrf_exempt
@require_POST
@enabled
def inbox(request, account=None):
    """Check and queue an activity; 202 at once, the worker does the rest."""
    if account is not None and LocalActor.named(account) is None:
        raise Http404("No account here goes by that name.")
    return receive.take_activity(request)


@csrf_exempt
@require_http_methods(["GET", "POST"])
@enabled
def webmention(request):
    """Take a webmention (W3C): 202, checked in the worker. A GET says what
    the address is for."""
    if request.method == "GET":
        return HttpResponse(
            "The webmention endpoint of this site: POST source and target.",
            content_type="text/plain; charset=utf-8",
        )
    return receive.take_webmention(request)
