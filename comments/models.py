import re

from django.db import connection, models, transaction
from django.utils.crypto import salted_hmac

from comments.commenters import (  # noqa: F401 - the app's other models
    CommenterAction,
    CommenterToken,
    ReplySubscription,
)
from comments.conf import settings
from comments.html import clean_comment_html
from comments.markup import render_body
from comments.querysets import CommentQuerySet, Status
from comments.text import clean_name, validate_name, visible
from pagecache import tags
from publishing.models import Entry

PATH_STEP = 10  # digits per level of the thread path


class Source(models.TextChoices):
    WEB = "web", "This site's form"
    # A reply from Mastodon or another ActivityPub server (federation/).
    FEDIVERSE = "fediverse", "The fediverse"
    # A page elsewhere that links to the article (federation/webmention.py).
    WEBMENTION = "webmention", "A webmention"


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
    # Comments from elsewhere: a fediverse reply or a webmention. Their
    # authors chose to publish handle, avatar and profile (``website``).
    source = models.CharField(
        max_length=10, choices=Source, default=Source.WEB, db_index=True
    )
    remote_id = models.URLField(
        max_length=500,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The address of the post it came from: a fediverse reply, "
        "or the page that mentions the article.",
    )
    remote_author = models.URLField(
        max_length=500,
        blank=True,
        editable=False,
        db_index=True,
        help_text="The fediverse account that wrote it.",
    )
    handle = models.CharField(
        max_length=200, blank=True, help_text="The author's fediverse handle."
    )
    avatar = models.CharField(
        max_length=300,
        blank=True,
        editable=False,
        help_text="The site's own copy of the author's picture.",
    )

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

    @property
    def newly_shown(self):
        """Approved by this change: what its pages showed before still holds."""
        stored = getattr(self, "_stored_status", None)
        return self.status == Status.APPROVED and stored != Status.APPROVED

    @property
    def purge_at_once(self):
        """Comments are their authors' words: one removed, erased or edited
        never shows again as it was, not even from a stale copy while its
        page renders afresh. A comment newly approved takes nothing away, so
        the previous copy may stand in meanwhile."""
        return not self.newly_shown

    def purge_tags(self):
        """The pages that show its article's or page's comments, and the
        site's comment feeds."""
        target = Entry.objects.get(pk=self.entry_id).target if self.entry_id else None
        # None: deleted along with what it was on, which purges that itself.
        return target.comment_tags() | {tags.COMMENTS} if target is not None else set()

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
