import re
from datetime import timedelta

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce, Now
from django.urls import reverse
from django.utils import timezone
from django.utils.html import urlize
from django.utils.safestring import mark_safe

from articles.models import Article
from comments.commenters import (  # noqa: F401 - the app's other models
    CommenterAction,
    CommenterToken,
    ReplySubscription,
)
from comments.html import clean_comment_html
from pagecache import tags
from pagecache.changes import changed
from pages.models import Page

PATH_STEP = 10  # digits per level of the thread path
# Bidirectional controls (embeddings, overrides, isolates and marks): in a
# name they reverse the text around it wherever the name is shown inline.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


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

    def unconfirmed_expired(self):
        """Comments whose author never confirmed the address in time."""
        cutoff = timezone.now() - timedelta(hours=settings.COMMENTS_CONFIRM_HOURS)
        return self.filter(status=Status.UNCONFIRMED, created_at__lt=cutoff)

    def on(self, target):
        """The comments on ``target``, an article or a page."""
        if isinstance(target, Page):
            return self.filter(page=target)
        return self.filter(article=target)

    def in_thread_order(self):
        """Every reply right after its parent, threads oldest first."""
        return self.order_by("path")

    def duplicate_of(self, comment):
        """An earlier copy of this comment (same author, place and words), if any.

        Spam is not a copy to answer with: a reader whose first try was filed
        as spam is judged afresh.
        """
        return (
            self.filter(
                article_id=comment.article_id,
                page_id=comment.page_id,
                parent_id=comment.parent_id,
                email__iexact=comment.email,
                body=comment.body,
            )
            .exclude(status=Status.SPAM)
            .order_by("pk")
            .first()
        )

    def for_display(self):
        """Only the columns a public page may show: never email, IP or agent."""
        return self.only(*PUBLIC_FIELDS)

    def for_feed(self):
        """Approved comments on articles as feeds show them, newest first,
        each knowing its article and its place (page) in the article's
        comments. Comments on the site's own pages are not in feeds."""
        before = (
            Comment.objects.approved()
            .filter(article=OuterRef("article"), path__lt=OuterRef("path"))
            .order_by()
            .values("article")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            self.approved()
            .filter(article__isnull=False)
            .select_related("article")
            .only(*PUBLIC_FIELDS, "reviewed_at", "article__slug", "article__title")
            .annotate(approved_before=Coalesce(Subquery(before), 0))
            .order_by("-created_at", "-pk")
        )


# What a public page or feed may show of a comment: never email, IP or agent.
PUBLIC_FIELDS = (
    "article_id", "page_id", "parent_id", "name", "website", "body_html", "status",
    "created_at", "depth", "path", "is_staff_reply",
)  # fmt: skip


class Comment(models.Model):
    # On an article, or on one of the site's own pages that takes comments.
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(max_length=80)
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
    depth = models.PositiveSmallIntegerField(default=1, editable=False)
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)
        permissions = [("moderate_comment", "Can moderate comments and see emails")]
        indexes = [
            models.Index(
                fields=["article", "status", "path"], name="comment_thread_idx"
            ),
            models.Index(fields=["email"], name="comment_email_idx"),
            models.Index(
                fields=["page", "status", "path"],
                condition=models.Q(page__isnull=False),
                name="comment_page_thread_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(article__isnull=False, page__isnull=True)
                | models.Q(article__isnull=True, page__isnull=False),
                name="comment_on_article_or_page",
            )
        ]

    def __str__(self):
        return f"{self.name} on “{self.target}”"

    def save(self, *args, **kwargs):
        self.name = BIDI_CONTROLS.sub("", self.name)
        self.body_html = render_body(self.body, is_html=self.body_is_html)
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
            return f"{self.target.get_absolute_url()}#comment-{self.pk}"
        return f"{listing_url(self.target)}?page={page}#comment-{self.pk}"

    @property
    def target(self):
        """What the comment is on: its article, or the site's own page."""
        return self.article if self.article_id else self.page

    @target.setter
    def target(self, target):
        if isinstance(target, Page):
            self.page = target
        else:
            self.article = target

    @property
    def counted_on(self):
        """(article ids, page ids) whose comment count includes this comment."""
        return [self.article_id] if self.article_id else [], (
            [self.page_id] if self.page_id else []
        )

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
        """Its article's (or page's) pages, and the lists that count comments."""
        if self.page_id:
            return {tags.tag_for(Page, self.page_id)}
        return {tags.tag_for(Article, self.article_id), tags.LISTS}

    def page_number(self):
        """The page of the article's comments that shows this one."""
        if self.status != Status.APPROVED:
            return 1  # shown to its author under the article
        earlier = getattr(self, "approved_before", None)  # as for_feed() counts
        if earlier is None:
            earlier = (
                Comment.objects.approved()
                .filter(
                    article_id=self.article_id, page_id=self.page_id, path__lt=self.path
                )
                .count()
            )
        return earlier // settings.COMMENTS_PER_PAGE + 1

    @property
    def takes_replies(self):
        """Below the deepest level a thread may go, readers can reply."""
        return self.depth < settings.COMMENTS_MAX_DEPTH

    def wait_for_identical_posts(self):
        """Inside a transaction, queue behind any identical post being stored.

        A double click sends the same comment twice at once; the second waits
        here until the first is committed, and then finds it.
        """
        place = f"{self.article_id}|{self.page_id}"
        key = f"comment|{place}|{self.email.casefold()}|{self.body}"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key]
            )

    def ancestor_paths(self):
        """The thread paths of this comment's parent, grandparent and so on."""
        step = PATH_STEP + 1
        return [self.path[:end] for end in range(step, len(self.path), step)]

    @property
    def initials(self):
        """The avatar readers see: initials, nothing derived from the email."""
        words = re.findall(r"\w+", self.name)
        return "".join(word[0] for word in words[:2]).upper() or "?"


def recount(article_ids, page_ids=()):
    """Store each article's (and page's) number of published comments, and
    when they changed, in one statement each.

    Articles read the count as a plain column (lists and feeds need no join)
    and key their cached comment thread by both; every path that changes
    which comments are published, or what they say, calls this.
    """
    article_ids, page_ids = set(article_ids) - {None}, set(page_ids) - {None}
    for model, field, ids in (
        (Article, "article", article_ids),
        (Page, "page", page_ids),
    ):
        if not ids:
            continue
        published = (
            Comment.objects.approved()
            .filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(count=Count("pk"))
            .values("count")
        )
        model.objects.filter(pk__in=ids).update(
            comment_count=Coalesce(Subquery(published), 0), comments_changed_at=Now()
        )
    # Bulk moderation sends no save signals.
    changed(
        lambda: {
            *({tags.LISTS} if article_ids else set()),
            *(tags.tag_for(Article, pk) for pk in article_ids),
            *(tags.tag_for(Page, pk) for pk in page_ids),
        }
    )


def targets_of(comments):
    """(article ids, page ids) these comments are on, for recount()."""
    pairs = list(comments.values_list("article_id", "page_id"))
    return [a for a, _ in pairs if a], [p for _, p in pairs if p]


def listing_url(target):
    """The address of the paged comments of an article or page."""
    if isinstance(target, Page):
        return reverse("comments:page_list", kwargs={"path": target.path})
    return reverse("comments:list", kwargs={"slug": target.slug})


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
            .only("article_id", "path", "depth")
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


def render_body(text, *, is_html=False):
    """A commenter's text as paragraphs with safe links; never their HTML,
    unless the comment came with it from another site (comments/html.py)."""
    if is_html:
        return mark_safe(clean_comment_html(text))  # noqa: S308 - nh3 cleaned it
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    html = []
    for paragraph in paragraphs:
        linked = urlize(paragraph, trim_url_limit=60, nofollow=True, autoescape=True)
        linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
        html.append(f"<p>{linked.replace(chr(10), '<br>')}</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - urlize escaped the text
