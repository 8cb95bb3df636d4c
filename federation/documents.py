"""The JSON the fediverse reads: actors, articles, the site's replies,
collections, and the activities that carry them."""

import re

from django.contrib.staticfiles.storage import staticfiles_storage
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape

from articles.models import Series
from articles.share_images import article_image
from comments.models import Comment, Source
from federation.actors import LocalActor, site_host
from federation.models import Follower
from seo.meta import absolute

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
CONTEXT = [
    "https://www.w3.org/ns/activitystreams",
    "https://w3id.org/security/v1",
    {
        "toot": "http://joinmastodon.org/ns#",
        "featured": {"@id": "toot:featured", "@type": "@id"},
        "discoverable": "toot:discoverable",
        "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
        "sensitive": "as:sensitive",
        "Hashtag": "as:Hashtag",
        "schema": "http://schema.org#",
        "PropertyValue": "schema:PropertyValue",
        "value": "schema:value",
    },
]
SITE_PATH = re.compile(r'((?:href|src)=")/(?!/)')
PAGE_SIZE = 20


def actor_document(actor):
    """What a server reads to follow ``actor`` and check its signatures."""
    links = [("Website", actor.profile_url)]
    if actor.author and actor.author.url:
        links.append(("Home page", actor.author.url))
    return {
        "@context": CONTEXT,
        "id": actor.id,
        "type": "Person" if actor.author else "Organization",
        "preferredUsername": actor.name,
        "name": actor.display_name,
        "summary": f"<p>{escape(actor.summary)}</p>",
        "url": actor.profile_url,
        "inbox": actor.url("inbox"),
        "outbox": actor.url("outbox"),
        "followers": actor.url("followers"),
        "featured": actor.url("featured"),
        "endpoints": {"sharedInbox": absolute(reverse("federation:shared_inbox"))},
        "manuallyApprovesFollowers": False,
        "discoverable": True,
        "icon": {
            "type": "Image",
            "mediaType": "image/png",
            "url": absolute(staticfiles_storage.url("img/logo.png")),
        },
        "attachment": [
            {
                "type": "PropertyValue",
                "name": name,
                "value": f'<a href="{escape(url)}" rel="me">{escape(url)}</a>',
            }
            for name, url in links
        ],
        "publicKey": {
            "id": actor.key_id,
            "owner": actor.id,
            "publicKeyPem": actor.keys.public_pem,
        },
    }


def article_uri(article):
    return absolute(article.get_absolute_url())


def article_object(article, *, context=True):
    """An article as the fediverse shows it: the whole of it, with its topics
    as hashtags and its share image; Mastodon shows title, summary and link."""
    author = LocalActor.of_author(article.author)
    image = article_image(article)
    document = {
        "id": article_uri(article),
        "type": "Article",
        "name": article.title,
        "summary": f"<p>{escape(article.summary)}</p>",
        "content": SITE_PATH.sub(rf"\1{absolute('/')}", article.body_html),
        "mediaType": "text/html",
        "url": article_uri(article),
        "attributedTo": author.id,
        "published": _time(article.published_at),
        "to": [PUBLIC],
        "cc": [author.url("followers"), LocalActor.site().url("followers")],
        "tag": [
            {
                "type": "Hashtag",
                "href": absolute(topic.get_absolute_url()),
                "name": "#" + "".join(w.capitalize() for w in topic.name.split()),
            }
            for topic in article.topics.all()
        ],
        "image": {"type": "Image", "url": absolute(image.url), "name": image.alt},
        "replies": absolute(reverse("federation:replies", args=[article.slug])),
        "sensitive": False,
    }
    if article.content_changed_at and article.content_changed_at > (
        article.published_at
    ):
        document["updated"] = _time(article.content_changed_at)
    return {"@context": CONTEXT, **document} if context else document


def tombstone(uri):
    return {"@context": CONTEXT, "id": uri, "type": "Tombstone"}


def note_object(comment, *, context=True):
    """A reply written by the site, mentioning the author of the comment it
    answers when that came from the fediverse."""
    parent = comment.parent
    site = LocalActor.site()
    document = {
        "id": note_uri(comment),
        "type": "Note",
        "attributedTo": site.id,
        "inReplyTo": parent_uri(parent) if parent else article_uri(comment.target),
        "content": str(comment.body_html),
        "url": absolute(comment.get_absolute_url()),
        "published": _time(comment.created_at),
        "to": [PUBLIC],
        "cc": [site.url("followers")],
        "tag": [],
    }
    if parent and parent.source == Source.FEDIVERSE and parent.remote_author:
        mention = {"type": "Mention", "href": parent.remote_author}
        mention["name"] = parent.handle or parent.remote_author
        document["tag"].append(mention)
        document["cc"].insert(0, parent.remote_author)
        link = f'<a href="{escape(parent.website or parent.remote_author)}" '
        link += f'class="u-url mention">{escape(mention["name"])}</a>'
        document["content"] = f"<p>{link}</p>{document['content']}"
    return {"@context": CONTEXT, **document} if context else document


def note_uri(comment):
    return absolute(reverse("federation:note", args=[comment.pk]))


def parent_uri(comment):
    """The fediverse id of a comment: its post's, or the site's own note."""
    return comment.remote_id or note_uri(comment)


def replies_collection(article):
    """The article's approved comments that live on the fediverse too: the
    replies from there, and the site's own replies."""
    comments = (
        Comment.objects.approved()
        .on(article)
        .filter(Q(source=Source.FEDIVERSE) | Q(is_staff_reply=True))
        .in_thread_order()
    )
    uri = absolute(reverse("federation:replies", args=[article.slug]))
    return collection(uri, [parent_uri(comment) for comment in comments])


def collection(uri, items, *, total=None):
    return {
        "@context": CONTEXT,
        "id": uri,
        "type": "OrderedCollection",
        "totalItems": len(items) if total is None else total,
        "orderedItems": items,
    }


def followers_collection(actor, *, shown):
    follows = Follower.objects.filter(actor=actor.key)
    items = list(follows.values_list("remote__uri", flat=True)) if shown else []
    return collection(actor.url("followers"), items, total=follows.count())


def outbox_collection(actor):
    articles = actor.articles().select_related("author")
    latest = [create(article) for article in articles[:PAGE_SIZE]]
    return collection(actor.url("outbox"), latest, total=articles.count())


def featured_collection(actor):
    """The series it wrote in, each by its first part (bare ids, as Mastodon
    takes them)."""
    firsts = []
    for series in Series.objects.with_published_articles():
        parts = actor.articles().filter(series=series)
        first = parts.order_by("series_position", "published_at").first()
        if first is not None:
            firsts.append(article_uri(first))
    return collection(actor.url("featured"), firsts)


def create(article):
    author = LocalActor.of_author(article.author)
    document = article_object(article, context=False)
    return {
        "id": f"{document['id']}#create",
        "type": "Create",
        "actor": author.id,
        "published": document["published"],
        "to": document["to"],
        "cc": document["cc"],
        "object": document,
    }


def webfinger(actor):
    return {
        "subject": f"acct:{actor.name}@{site_host()}",
        "aliases": [actor.id, actor.profile_url],
        "links": [
            {"rel": "self", "type": "application/activity+json", "href": actor.id},
            {
                "rel": "http://webfinger.net/rel/profile-page",
                "type": "text/html",
                "href": actor.profile_url,
            },
        ],
    }


def _time(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None
