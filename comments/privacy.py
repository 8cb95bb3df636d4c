"""Everything stored for one email address: export it, erase it, expire it."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from comments.models import Comment, Status, recount
from config import personal_data

EXPORTED_FIELDS = (
    "id", "name", "email", "website", "body", "status", "created_at",
    "ip_address", "user_agent",
)  # fmt: skip


def comments_of(email):
    return Comment.objects.filter(email__iexact=email.strip())


def export_data(email):
    """A JSON-ready record of every comment, and all else, stored for this address."""
    comments = comments_of(email).select_related("article").order_by("created_at")
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "comments": [
            {
                **{field: _plain(getattr(comment, field)) for field in EXPORTED_FIELDS},
                "article": comment.article.title,
                "article_url": settings.SITE_URL + comment.article.get_absolute_url(),
                "in_reply_to": comment.parent_id,
            }
            for comment in comments
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
    comments = comments_of(email)
    articles = list(comments.values_list("article_id", flat=True))
    answered = comments.filter(replies__isnull=False).distinct()
    anonymised = answered.update(
        name="(removed)", email="", website="", body="", body_html="",
        ip_address=None, user_agent="", status=Status.REMOVED,
        moderation_reason="removed: erased at the author's request",
    )  # fmt: skip
    deleted, _ = comments.exclude(pk__in=answered.values("pk")).delete()
    recount(articles)
    return deleted, anonymised, personal_data.erase(email)


def apply_retention(*, now=None):
    """Forget addresses and agents after the retention period; drop old spam.

    Returns (scrubbed, deleted).
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.COMMENTS_RETENTION_DAYS)
    old = Comment.objects.filter(created_at__lt=cutoff)
    scrubbed = old.exclude(ip_address=None, user_agent="").update(
        ip_address=None, user_agent=""
    )
    deleted, _ = old.filter(
        status__in=[Status.SPAM, Status.REMOVED], replies__isnull=True
    ).delete()
    return scrubbed, deleted


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
