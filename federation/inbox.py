"""Activities from other servers, handled in the task worker: the signature
verified with the sender's key (fetched, cached, fetched again when it no
longer fits: a rotated key), then each kind of activity does its part.

Follow is accepted; Undo takes back a follow, like or boost; a Create of a
Note replying to an article or a comment becomes a comment, and Update and
Delete of it change or remove it everywhere; Delete of the account removes
all that came from it. Anything else is ignored.
"""

import json
import logging
import uuid
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django_tasks import task

from federation import conversation, delivery
from federation.actors import LocalActor
from federation.conf import settings
from federation.models import (
    Block,
    Follower,
    Inbox,
    Interaction,
    Reactions,
)
from federation.remote import FetchError, key_for, store
from federation.remote import fetch as fetch_document
from federation.signatures import SignatureError, SignedRequest

logger = logging.getLogger(__name__)


def id_of(value):
    """The id of an object given inline or as its id."""
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else ""


@task()
def process_activity(url, headers, body):
    activity = json.loads(body)
    signed = SignedRequest("POST", url, headers, body.encode())
    try:
        remote = authenticate(signed, id_of(activity.get("actor")))
    except (SignatureError, FetchError) as error:
        logger.info("Activity %s refused: %s", id_of(activity), error)
        return
    if Block.objects.matching(remote.uri).exists():
        return
    # Its server answers again: inboxes there given up on are tried anew.
    Inbox.objects.filter(host__domain=remote.host, dead_at__isnull=False).update(
        dead_at=None, failures=0
    )
    handler = HANDLERS.get(activity.get("type"))
    if handler is not None:
        handler(activity, remote)


def authenticate(signed, actor_uri):
    """The account that signed the request, which must be its actor."""
    remote, key = key_for(signed.check())
    try:
        signed.verify(key)
    except SignatureError:
        fresh = timezone.now() - timedelta(
            seconds=settings.FEDERATION_KEY_REFETCH_SECONDS
        )
        if remote.key_fetched_at and remote.key_fetched_at > fresh:
            raise
        remote, key = key_for(remote.key_id, refresh=True)
        signed.verify(key)
    if remote.uri != actor_uri:
        raise SignatureError("the activity's actor is not the account that signed")
    return remote


def follow(activity, remote):
    actor = LocalActor.by_id(id_of(activity.get("object")))
    if actor is None:
        return
    Follower.objects.update_or_create(
        actor=actor.key, remote=remote, defaults={"follow_id": id_of(activity)}
    )
    accept = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{actor.id}#accepts/{uuid.uuid4()}",
        "type": "Accept",
        "actor": actor.id,
        "object": activity,
    }
    delivery.send(accept, actor=actor, inboxes=[remote.inbox])


def undo(activity, remote):
    inner = activity.get("object")
    follows = Follower.objects.filter(remote=remote)
    if isinstance(inner, dict) and inner.get("type") == "Follow":
        followed = _local_key(id_of(inner.get("object")))
        follows.filter(Q(follow_id=id_of(inner)) | Q(actor=followed)).delete()
    else:
        follows.filter(follow_id=id_of(inner)).delete()
    gone = Interaction.objects.filter(activity_id=id_of(inner), remote=remote)
    entries = list(gone.values_list("entry_id", flat=True))
    gone.delete()
    count_reactions(entries)


def _local_key(uri):
    actor = LocalActor.by_id(uri)
    return actor.key if actor else ""


def create(activity, remote):
    conversation.receive_note(activity.get("object"), remote)


def update(activity, remote):
    document = activity.get("object")
    if id_of(document) == remote.uri:
        try:
            refreshed = store(fetch_document(remote.uri), uri=remote.uri)
        except FetchError as error:
            logger.info("Account %s not refreshed: %s", remote.uri, error)
            return
        conversation.rename(refreshed)
    else:
        conversation.update_note(document, remote)


def delete(activity, remote):
    if id_of(activity.get("object")) == remote.uri:
        conversation.forget(remote)
        entries = list(remote.interactions.values_list("entry_id", flat=True))
        remote.delete()
        count_reactions(entries)
    else:
        conversation.delete_note(id_of(activity.get("object")), remote)


def react(activity, remote):
    """A like or boost of an article, counted for editors."""
    target = conversation.article_at(id_of(activity.get("object")))
    if target is None or not id_of(activity):
        return
    like = activity["type"] == "Like"
    kind = Interaction.Kind.LIKE if like else Interaction.Kind.BOOST
    Interaction.objects.get_or_create(
        activity_id=id_of(activity),
        defaults={"kind": kind, "entry_id": target.entry_id, "remote": remote},
    )
    count_reactions([target.entry_id])


def count_reactions(entry_ids):
    """Store each entry's likes and boosts, counted from what is kept."""
    for entry_id in set(entry_ids):
        counts = Interaction.objects.filter(entry_id=entry_id).aggregate(
            likes=Count("pk", filter=Q(kind=Interaction.Kind.LIKE)),
            boosts=Count("pk", filter=Q(kind=Interaction.Kind.BOOST)),
        )
        Reactions.objects.update_or_create(entry_id=entry_id, defaults=counts)


HANDLERS = {
    "Follow": follow,
    "Undo": undo,
    "Create": create,
    "Update": update,
    "Delete": delete,
    "Like": react,
    "Announce": react,
}
