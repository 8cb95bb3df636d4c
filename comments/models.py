import re
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce, Now
from django.utils import timezone
from django.utils.crypto import salted_hmac

from comments.commenters import (  # noqa: F401 - the app's other models
    CommenterAction,
    CommenterToken,
    ReplySubscription,
)
from comments.conf import settings
from comments.html import clean_comment_html
from comments.markup import render_body
from comments.text import clean_name, validate_name, visible
from pagecache.changes import changed
from publishing.addresses import publishable_models
from publishing.models import Entry

PATH_STEP = 10  # digits per level of the thread path


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
            Comment.objects.approved()
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
)  # fmt: skip


class Comment(models.Model):
    # On an article, or on one of the site's own pages that takes comments.
    entry = models.ForeignKey(
        Entry,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name="on",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(max_length=80, validators=[validate_name])
    email = models.EmailField(
        blank=True, help_text="Private: seen by moderators only, never published."
    )
    website = models.URLField(blank=True, max_length=200)
    body = models.TextField()
    body_html = models.TextField(editable=False, default="")
    status = models.CharField(
        max_length=12, choices=Status, default=Status.PENDING, db_index=True
    )
    moderation_reason = models.CharField(
        max_length=200, blank=True, help_text="Why the rules decided as they did."
    )
    email_confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the author confirmed, from a mailed link, that the "
        "address is theirs. Reply notifications go only to confirmed addresses.",
    )
    edited_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When its author last changed it (within minutes of sending).",
    )
    reply_mailed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the author of the comment this one answers was mailed "
        "about it.",
    )
    is_staff_reply = models.BooleanField(
        default=False, help_text="Written by the site; marked as such to readers."
    )
    body_is_html = models.BooleanField(
        "body is HTML",
        default=False,
        editable=False,
        help_text="Brought over from another site with its HTML: lists, "
        "emphasis and links are kept, everything else is removed on display.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    sent_with = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="A keyed hash of the form and the IP address the comment was "
        "sent with, so that a second click finds the first; kept as long as "
        "the IP address.",
    )
    depth = models.PositiveSmallIntegerField(default=1, editable=False)
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)
        permissions = [("moderate_comment", "Can moderate comments and see emails")]
        indexes = [
            models.Index(fields=["entry", "status", "path"], name="comment_thread_idx"),
            models.Index(fields=["email"], name="comment_email_idx"),
        ]

    def __str__(self):
        return f"{self.name} on “{self.entry}”"

    def save(self, *args, **kwargs):
        self.name = clean_name(self.name)  # forms refuse; importers cannot ask
        # A commenter's text is the site's small Markdown set; a comment
        # imported from another site keeps its HTML, cleaned.
        self.body_html = (
            clean_comment_html(self.body)
            if self.body_is_html
            else render_body(self.body)
        )
        if self.parent_id:
            self.depth = self.parent.depth + 1
        # The path needs the new row's id: both writes are one step, so no
        # reader ever sees a comment without its place in the thread.
        with transaction.atomic():
            super().save(*args, **kwargs)
            prefix = self.parent.path if self.parent_id else ""
            path = f"{prefix}{self.pk:0{PATH_STEP}d}/"
            if path != self.path:
                self.path = path
                Comment.objects.filter(pk=self.pk).update(path=path)
        self._stored_status = self.status

    def get_absolute_url(self):
        """Where the comment shows: under the article, or on a later comment page."""
        page = self.page_number()
        if page == 1:
            return f"{self.entry.path}#comment-{self.pk}"
        return f"{listing_url(self.entry)}?page={page}#comment-{self.pk}"

    @property
    def target(self):
        """What the comment is on: an article, or one of the site's pages."""
        return self.entry.target

    @target.setter
    def target(self, target):
        self.entry = target.entry

    @classmethod
    def from_db(cls, db, field_names, values):
        comment = super().from_db(db, field_names, values)
        # Unknown when deferred: then count it as seen, to be safe.
        comment._stored_status = comment.__dict__.get("status", Status.APPROVED)
        return comment

    @property
    def shown_on_pages(self):
        """Whether readers see this comment, or saw it before this change.

        A comment held for moderation, or filed as spam, changes no page
        anyone else sees: its saves leave counts and cached pages alone.
        """
        return Status.APPROVED in (self.status, getattr(self, "_stored_status", None))

    def purge_tags(self):
        """The pages that show its article's or page's comments."""
        target = Entry.objects.get(pk=self.entry_id).target if self.entry_id else None
        # None: deleted along with what it was on, which purges that itself.
        return target.comment_tags() if target is not None else set()

    def page_number(self):
        """The page of the article's comments that shows this one."""
        if self.status != Status.APPROVED:
            return 1  # shown to its author under the article
        earlier = getattr(self, "approved_before", None)  # as for_feed() counts
        if earlier is None:
            earlier = (
                Comment.objects.approved()
                .filter(entry_id=self.entry_id, path__lt=self.path)
                .count()
            )
        return earlier // settings.COMMENTS_PER_PAGE + 1

    @property
    def takes_replies(self):
        """Below the deepest level a thread may go, readers can reply."""
        return self.depth < settings.COMMENTS_MAX_DEPTH

    def sent_from(self, *, stamp, ip_address):
        """Record the form (its signed stamp) and IP address it was sent from."""
        self.ip_address = ip_address
        self.sent_with = salted_hmac(
            "comments.sent-with", f"{stamp}|{ip_address}", algorithm="sha256"
        ).hexdigest()

    def wait_for_identical_posts(self):
        """Inside a transaction, queue behind any identical post being stored.

        A double click sends the same comment twice at once; the second waits
        here until the first is committed, and then finds it.
        """
        key = f"comment|{self.entry_id}|{self.email.casefold()}|{self.body}"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key]
            )

    def ancestor_paths(self):
        """The thread paths of this comment's parent, grandparent and so on."""
        step = PATH_STEP + 1
        return [self.path[:end] for end in range(step, len(self.path), step)]

    @property
    def plain_body(self):
        """The text for plain-text places (mails, lists), nothing hidden in it."""
        return visible(self.body)

    @property
    def initials(self):
        """The avatar readers see: initials, nothing derived from the email."""
        words = re.findall(r"\w+", self.name)
        return "".join(word[0] for word in words[:2]).upper() or "?"


def recount(entry_ids):
    """Store the number of published comments of each article or page these
    entries are, and when they changed, in one statement per kind.

    Lists and feeds read the count as a plain column (no join), and the
    cached comment thread is keyed by both; every path that changes which
    comments are published, or what they say, calls this.
    """
    entries = Entry.objects.filter(pk__in=set(entry_ids) - {None})
    published = (
        Comment.objects.approved()
        .filter(entry=OuterRef("entry_id"))
        .order_by()
        .values("entry")
        .annotate(count=Count("pk"))
        .values("count")
    )
    targets = []
    kinds = entries.values_list("content_type", flat=True).distinct()
    for kind in ContentType.objects.filter(pk__in=kinds):
        rows = kind.model_class().objects.filter(entry__in=entries)
        rows.update(
            comment_count=Coalesce(Subquery(published), 0), comments_changed_at=Now()
        )
        targets += rows.only("pk", "entry_id")
    # Bulk moderation sends no save signals.
    changed(lambda: {tag for target in targets for tag in target.comment_tags()})


def targets_of(comments):
    """The entries these comments are on, for recount()."""
    return list(comments.values_list("entry_id", flat=True))


def listing_url(entry):
    """The address of the paged comments of an article or page."""
    return f"{entry.path}comments/"


def with_removed_ancestors(comments):
    """The comments in thread order, with a placeholder for each hidden ancestor.

    A reply whose parent was removed keeps its place: readers see that a
    comment was removed there (as WordPress and Discourse show it), not the
    reply hanging under whichever comment came before. Placeholders carry no
    name and no text.
    """
    shown = {comment.path for comment in comments}
    missing = {
        path
        for comment in comments
        for path in comment.ancestor_paths()
        if path not in shown
    }
    removed = []
    if missing:
        removed = list(
            Comment.objects.filter(path__in=missing)
            .exclude(status=Status.APPROVED)
            .only("entry_id", "path", "depth")
        )
        for comment in removed:
            comment.is_placeholder = True
    return sorted([*comments, *removed], key=lambda comment: comment.path)


class CommentSettings(models.Model):
    """What editors switch on and off for the comment form: one row."""

    proof_of_work = models.BooleanField(
        "ask for proof of work",
        default=False,
        help_text=(
            "For a spam wave: each commenter's browser solves a small puzzle "
            "(a second or so) before the comment is sent, which makes sending "
            "thousands costly. Readers without JavaScript cannot comment while "
            "this is on."
        ),
    )

    # Pages do not show it: switching changes no page (comments.views.challenge).
    shown_on_pages = False

    class Meta:
        verbose_name = verbose_name_plural = "comment settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pk=1), name="one_comment_settings"
            )
        ]

    def __str__(self):
        return "Comment settings"

    @classmethod
    def current(cls):
        """The settings in force: the defaults until an editor first saves."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
