"""Everything stored for one email address: export it, erase it, expire it."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from comments.commenters import CommenterToken, ReplySubscription
from comments.conf import settings
from comments.counts import recount, targets_of
from comments.models import Comment, Status
from privacy import personal_data

EXPORTED_FIELDS = (
    "id", "name", "email", "website", "body", "status", "created_at",
    "ip_address", "user_agent", "email_confirmed_at",
)  # fmt: skip
ANONYMOUS = {
    "name": "(removed)", "email": "", "website": "", "body": "", "body_html": "",
    "ip_address": None, "user_agent": "", "sent_with": "",
    "status": Status.REMOVED, "email_confirmed_at": None,
}  # fmt: skip


def comments_of(email):
    return Comment.objects.of(email)


def export_data(email):
    """A JSON-ready record of every comment, and all else, stored for this address."""
    comments = comments_of(email).select_related("entry").order_by("created_at")
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "comments": [
            {
                **{field: _plain(getattr(comment, field)) for field in EXPORTED_FIELDS},
                "article": comment.entry.title,
                "article_url": settings.SITE_URL + comment.entry.path,
                "in_reply_to": comment.parent_id,
                "email_me_replies": hasattr(comment, "reply_subscription"),
            }
            for comment in comments.select_related("reply_subscription")
        ],
        **personal_data.export(email),
    }


@transaction.atomic
def erase_data(email):
    """Delete this address's comments; anonymise those others replied to.

    Replies by other people stay where they are, under an empty placeholder.
    What other apps keep for the address goes too. Returns (deleted,
    anonymised, {other records: how many erased}).
    """
    ReplySubscription.objects.of(email).delete()
    CommenterToken.objects.filter(email__iexact=email.strip()).delete()
    deleted, anonymised = remove(comments_of(email))
    return deleted, anonymised, personal_data.erase(email)


def remove(comments):
    """Delete these comments, but anonymise those others replied to.

    Returns (deleted, anonymised).
    """
    targets = targets_of(comments)
    answered = comments.filter(replies__isnull=False).distinct()
    anonymised = Comment.objects.filter(pk__in=answered.values("pk")).update(
        **ANONYMOUS, moderation_reason="removed: erased at the author's request"
    )
    deleted = (
        comments.exclude(pk__in=answered.values("pk"))
        .delete()[1]
        .get("comments.Comment", 0)
    )
    recount(targets)
    return deleted, anonymised


def apply_retention(*, now=None):
    """Forget addresses and agents after the retention period; drop old spam.

    Returns (scrubbed, deleted).
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.COMMENTS_RETENTION_DAYS)
    old = Comment.objects.filter(created_at__lt=cutoff)
    scrubbed = old.exclude(ip_address=None, user_agent="", sent_with="").update(
        ip_address=None, user_agent="", sent_with=""
    )
    deleted, _ = old.filter(
        status__in=[Status.SPAM, Status.REMOVED], replies__isnull=True
    ).delete()
    return scrubbed, deleted


def expire_unconfirmed():
    """Delete comments and links whose confirmation came too late, and reply
    subscriptions of addresses erased or never confirmed.

    Returns (comments, links, subscriptions) deleted.
    """
    cutoff = timezone.now() - timedelta(hours=settings.COMMENTS_CONFIRM_HOURS)
    # Each deletion counts its own rows: cascades to the others are not counted.
    subscriptions, _ = ReplySubscription.objects.forgotten(
        unconfirmed_before=cutoff
    ).delete()
    links, _ = CommenterToken.objects.expired().delete()
    comments = remove(Comment.objects.unconfirmed_expired())[0]
    return comments, links, subscriptions


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
