"""Which comments a page, a feed, a moderator or their author gets."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from comments.conf import settings
from publishing.addresses import publishable_models


class Status(models.TextChoices):
    # Kept for its author to confirm the address (COMMENTS_CONFIRM_EMAIL),
    # before it enters the moderation queue; deleted when the link expires.
    UNCONFIRMED = "unconfirmed", "Awaiting email confirmation"
    PENDING = "pending", "Awaiting moderation"
    APPROVED = "approved", "Approved"
    SPAM = "spam", "Spam"
    REMOVED = "removed", "Removed"


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Status.APPROVED)

    def in_moderation(self):
        return self.filter(status=Status.PENDING)

    def of(self, email):
        return self.filter(email__iexact=email.strip())

    def editable_by(self, own):
        """Those of ``own`` (ids a browser sent) its author may still edit."""
        since = timezone.now() - timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)
        return self.filter(pk__in=own, created_at__gte=since).exclude(
            status=Status.REMOVED
        )

    def unconfirmed_expired(self):
        """Comments whose author never confirmed the address in time."""
        cutoff = timezone.now() - timedelta(hours=settings.COMMENTS_CONFIRM_HOURS)
        return self.filter(status=Status.UNCONFIRMED, created_at__lt=cutoff)

    def on(self, target):
        """The comments on ``target``, an article or a page."""
        return self.filter(entry_id=target.entry_id)

    def in_thread_order(self):
        """Every reply right after its parent, threads oldest first."""
        return self.order_by("path")

    def duplicate_of(self, comment, *, own):
        """An earlier copy of this comment (same author, place and words) that
        this browser sent, if any: one of its ``own`` (ids from its cookie),
        or one sent with the same form from the same IP address (a second
        click, before the first answer came back).

        Only copies the sender is known to have sent count: a stranger who
        sends a public comment's words under its author's address must get
        the answer any new comment gets, or it would tell them whose address
        it is. Spam is not a copy to answer with: a reader whose first try
        was filed as spam is judged afresh.
        """
        return (
            self.filter(
                entry_id=comment.entry_id,
                parent_id=comment.parent_id,
                email__iexact=comment.email,
                body=comment.body,
            )
            .filter(models.Q(pk__in=own) | models.Q(sent_with=comment.sent_with))
            .exclude(status=Status.SPAM)
            .order_by("pk")
            .first()
        )

    def for_display(self):
        """Only the columns a public page may show: never email, IP or agent."""
        return self.only(*PUBLIC_FIELDS)

    def in_site_feeds(self):
        """Those on content whose comments the site-wide feeds carry
        (``comments_in_feeds``: articles, not the site's own pages)."""
        kinds = ContentType.objects.get_for_models(
            *(model for model in publishable_models() if model.comments_in_feeds)
        )
        return self.filter(entry__content_type__in=kinds.values())

    def for_feed(self):
        """Approved comments as feeds show them, newest first, each knowing
        what it is on and its place (page) among the comments there."""
        before = (
            self.model.objects.approved()
            .filter(entry=OuterRef("entry"), path__lt=OuterRef("path"))
            .order_by()
            .values("entry")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            self.approved()
            .select_related("entry")
            .only(*PUBLIC_FIELDS, "reviewed_at", "entry__title", "entry__path")
            .annotate(approved_before=Coalesce(Subquery(before), 0))
            .order_by("-created_at", "-pk")
        )


# What a public page or feed may show of a comment: never email, IP or agent.
PUBLIC_FIELDS = (
    "entry_id", "parent_id", "name", "website", "body_html", "status",
    "created_at", "edited_at", "depth", "path", "is_staff_reply",
    "source", "handle", "avatar",
)  # fmt: skip
