"""Articles to followers: Create when one goes live, Update when what the
fediverse shows of it changes, Delete when it is withdrawn, expires or is
deleted (its address then answers 410 with a Tombstone).

The author's account sends Create, Update and Delete to the followers of the
author and of the site; the site's account boosts (Announce) each new
article to its own followers, whose servers may take posts only from the
accounts they follow. Each is worked out in the task worker from what is
stored, so a save, a scheduled article going live (the federate_articles
job) and a retry all send the same thing once.
"""

import hashlib
import json
import uuid

from django.utils import timezone
from django_tasks import task

from articles.models import Article
from articles.share_images import with_share_image
from federation import delivery, documents
from federation.actors import LocalActor, actors_of
from federation.models import Follower, Publication
from federation.webmention import send_webmentions


def follower_inboxes(*actors):
    """Where followers of these actors take deliveries, each server's once."""
    follows = Follower.objects.filter(actor__in=[actor.key for actor in actors])
    return {follow.remote.delivery_inbox for follow in follows.select_related("remote")}


@task()
def sync(entry_id):
    """Send what changed of the article on this entry since last sent."""
    article = (
        with_share_image(Article.objects.select_related("author"))
        .filter(entry_id=entry_id)
        .first()
    )
    publication = Publication.objects.filter(entry_id=entry_id).first()
    if article is not None and article.is_live:
        publish(article, publication)
    elif publication is not None and publication.deleted_at is None:
        withdraw(publication)


def publish(article, publication):
    document = documents.article_object(article, context=False)
    state = hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()
    if publication is not None and publication.deleted_at is None:
        if publication.sent_hash != state:
            _send(article, "Update", {**document, "id": publication.uri})
            publication.sent_hash = state
            publication.save(update_fields=["sent_hash"])
            send_webmentions.enqueue(article.pk)
        return
    author, site = actors_of(article)
    Publication.objects.update_or_create(
        uri=document["id"],
        defaults={
            "entry_id": article.entry_id,
            "actor": author.key,
            "sent_hash": state,
            "deleted_at": None,
        },
    )
    _send(article, "Create", document)
    announce = _activity("Announce", site, document["id"], to=document["to"])
    announce["cc"] = [site.url("followers")]
    delivery.send(announce, actor=site, inboxes=follower_inboxes(site))
    send_webmentions.enqueue(article.pk)


def _send(article, kind, document):
    author, site = actors_of(article)
    activity = _activity(kind, author, document, to=document["to"])
    activity["cc"] = document["cc"]
    delivery.send(activity, actor=author, inboxes=follower_inboxes(author, site))


def _activity(kind, actor, document, *, to):
    uri = document["id"] if isinstance(document, dict) else document
    return {
        "@context": documents.CONTEXT,
        "id": f"{uri}#{kind.lower()}/{uuid.uuid4().hex}",
        "type": kind,
        "actor": actor.id,
        "published": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "to": to,
        "object": document,
    }


def withdraw(publication):
    """Delete: the article is off the site for now or for good."""
    author = LocalActor.by_key(publication.actor) or LocalActor.site()
    site = LocalActor.site()
    tombstone = {"id": publication.uri, "type": "Tombstone"}
    activity = _activity("Delete", author, tombstone, to=[documents.PUBLIC])
    delivery.send(activity, actor=author, inboxes=follower_inboxes(author, site))
    publication.deleted_at = timezone.now()
    publication.save(update_fields=["deleted_at"])


@task()
def withdraw_deleted(publication_pk):
    """The article's row is deleted: Delete, once."""
    publication = Publication.objects.filter(pk=publication_pk).first()
    if publication is not None and publication.deleted_at is None:
        withdraw(publication)


def out_of_step():
    """Entries whose article's state on the fediverse lags: live ones never
    sent, and those sent but no longer live (the clock moved them)."""
    sent = Publication.objects.filter(deleted_at__isnull=True, entry__isnull=False)
    live = Article.objects.published()
    unsent = live.exclude(entry_id__in=sent.values("entry_id"))
    gone = sent.exclude(entry_id__in=live.values("entry_id"))
    return [
        *unsent.values_list("entry_id", flat=True),
        *gone.values_list("entry_id", flat=True),
    ]
