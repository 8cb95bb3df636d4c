"""What articles and pages share: one abstract publishable with its lifecycle,
and the rows other apps attach to any publishable (comments, image uses,
drafts) through its entry.

A publishable renders its Markdown once, on save; it is live between its
publish time and its expiry; a reader who saw it finds it again after a
change of address (a redirect) and learns that it is gone after it is taken
down (410). Those rules are written once, here and in publishing/signals.py,
for every kind of content.
"""

import hashlib
import math
from datetime import timedelta

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from pagecache import tags
from publishing.conf import settings
from publishing.markdown import render_markdown
from publishing.querysets import PublishableQuerySet, Status
from seo.models import SearchEngineFields
from seo.social import site_kicker
from web.routes import cached_reverse

WORDS_PER_MINUTE = 230
# What the comments app keeps up to date; an editor's save never writes them.
COUNTED = ("comment_count", "comments_changed_at")
# What the site derives on save: revisions compare the editor's fields only.
DERIVED_FIELDS = (
    "entry", "body_html", "body_text", "toc", "word_count", "content_hash",
    "content_changed_at", "withdrawn_at", "created_at", "updated_at", "version",
    *COUNTED,
)  # fmt: skip


class Entry(models.Model):
    """One article or page, as what attaches to any publishable sees it.

    Comments, image uses and editors' drafts point here, so they need not
    know each kind of content. It carries the title and address every such
    list shows, kept by the publishable's own save.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    title = models.CharField(max_length=200)
    path = models.CharField(
        "address", max_length=500, help_text="Where readers find it."
    )

    class Meta:
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_entry_per_content"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.path


class ImageUse(models.Model):
    """A library image that a publishable shows: it cannot be deleted meanwhile."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    image = models.ForeignKey(
        "library.Image", on_delete=models.PROTECT, related_name="uses"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "image"], name="one_use_per_image")
        ]

    def __str__(self):
        return f"{self.image} in “{self.entry}”"


class Publishable(SearchEngineFields):
    """Content with an address, a Markdown body, a publishing lifecycle and
    comments: articles and pages.

    A subclass names its detail route (``detail_url_name``) and the prefix of
    its addresses (``url_prefix``), and may add addresses of its own
    (``extra_address_names``) and cache tags (``purge_tags``). Its addresses
    are made from its slug, or from the field ``address_field`` names (a
    page's path below its parents).
    """

    url_prefix = "/"
    detail_url_name = ""
    address_field = "slug"
    extra_address_names = ()
    # Whether the site-wide comment feeds carry its comments.
    comments_in_feeds = False

    entry = models.OneToOneField(
        Entry, null=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="Its address. Keep it stable once published.",
    )
    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences. Shown in lists and used as the "
        "description search engines show.",
    )
    body = models.TextField(help_text="Markdown (CommonMark, with tables).")
    body_html = models.TextField(editable=False, default="")
    body_text = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    word_count = models.PositiveIntegerField(editable=False, default=0)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Readers see it from this time on. A future time schedules "
        "it; it appears by itself, no further step needed.",
    )
    unpublish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Optional. From this time on it is withdrawn and its address "
        "answers “410 Gone”.",
    )
    withdrawn_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="When it was set back to draft while live; it answers 410 "
        "Gone until it is published again.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    content_changed_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="When the title, summary or body last changed; sitemaps use it.",
    )
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up at every save; a form based on an older one is refused.",
    )
    comments_open = models.BooleanField(
        default=True, help_text="Untick to close it to new comments."
    )
    comment_count = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Published comments, counted by the comments app as they change.",
    )
    comments_changed_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="When its published comments last changed, as counted; the "
        "cached comment thread is keyed by it.",
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="%(class)s_published_has_publish_time",
                violation_error_message="Published content needs a publish time.",
            ),
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(unpublish_at__gt=models.F("published_at")),
                name="%(class)s_unpublish_after_publish",
                violation_error_message="The expiry time must be after the "
                "publish time.",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        """Published without a time: published now, as editors expect."""
        super().clean()
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def save(self, *args, **kwargs):
        rendered = render_markdown(self.body)
        self.body_html, self.body_text = rendered.html, rendered.text
        self.toc, self.word_count = rendered.toc, rendered.word_count
        self._waiting_images = rendered.waiting_images
        content_hash = hashlib.sha256(
            "\x00".join((self.title, self.summary, self.body)).encode()
        ).hexdigest()
        if content_hash != self.content_hash:
            self.content_hash = content_hash
            self.content_changed_at = timezone.now()
        self.withdrawn_at = self._withdrawn_at()
        adding = self._state.adding
        if not adding:
            self.version += 1
            if kwargs.get("update_fields") is None:
                # The comments app keeps the counts: a form loaded before a
                # comment was approved must not write the old ones back.
                kwargs["update_fields"] = [
                    field.name
                    for field in self._meta.concrete_fields
                    if not (field.primary_key or field.generated)
                    and field.name not in COUNTED
                ]
        with transaction.atomic(using=kwargs.get("using")):
            if adding and self.entry_id is None:
                self._create_entry()
                kwargs["force_insert"] = True
            super().save(*args, **kwargs)
            self._keep_entry_current()

    def _create_entry(self):
        """Its entry, before its own row: what the save sets off (comments,
        image uses) may attach to it at once. The id comes first, from the
        table's own sequence, so the entry can name it."""
        if self.pk is None:
            table = self._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table]
                )
                (self.pk,) = cursor.fetchone()
        self.entry = Entry.objects.create(
            content_type=ContentType.objects.get_for_model(self),
            object_id=self.pk,
            title=self.title,
            path=self.get_absolute_url(),
        )

    def _keep_entry_current(self):
        """The entry shows the title and address as they are now."""
        shown = (self.title, self.get_absolute_url())
        if (self.entry.title, self.entry.path) != shown:
            Entry.objects.filter(pk=self.entry_id).update(title=shown[0], path=shown[1])
            self.entry.title, self.entry.path = shown

    def _withdrawn_at(self):
        """When readers lost it: now if it was live until this save."""
        if self.status == Status.PUBLISHED:
            return None
        was_live = (
            self.withdrawn_at is None
            and self.pk
            and type(self).objects.published().filter(pk=self.pk).exists()
        )
        return timezone.now() if was_live else self.withdrawn_at

    @property
    def address_key(self):
        """What its addresses are made from: its slug, or a page's path."""
        return getattr(self, self.address_field)

    def get_absolute_url(self):
        return cached_reverse(
            self.detail_url_name, **{self.address_field: self.address_key}
        )

    def comments_url(self):
        """The address of its paged comments (comments/urls.py)."""
        return f"{self.get_absolute_url()}comments/"

    def addresses(self, key=None):
        """Every public address it answers at (or did, under an older slug)."""
        kwargs = {self.address_field: key or self.address_key}
        names = (self.detail_url_name, *self.extra_address_names)
        own = [reverse(name, kwargs=kwargs) for name in names]
        return [*own, f"{own[0]}comments/"]

    def purge_tags(self):
        """The cached pages a change to it makes stale: its own, the sitemaps."""
        return {tags.tag_of(self), tags.SITEMAPS}

    def comment_tags(self):
        """The cached pages a change to its comments makes stale."""
        return {tags.tag_of(self)}

    def share_kicker(self):
        """The line under the title on its drawn share card."""
        return site_kicker()

    @property
    def share_image_key(self):
        """Under which key its drawn share card is stored (seo/social.py)."""
        return f"{self._meta.model_name}-{self.pk}"

    @property
    def is_live(self):
        now = timezone.now()
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def state(self):
        """Where it stands for readers now, in an editor's words."""
        if self.status == Status.DRAFT:
            return "Withdrawn" if self.withdrawn_at else "Draft"
        if self.published_at > timezone.now():
            return "Scheduled"
        return "Live" if self.is_live else "Expired"

    @property
    def takes_comments(self):
        """Whether it takes new comments now (COMMENTS_CLOSE_AFTER_DAYS)."""
        if not (self.comments_open and self.is_live):
            return False
        days = settings.COMMENTS_CLOSE_AFTER_DAYS
        return days is None or timezone.now() < self.published_at + timedelta(days)

    @property
    def lastmod(self):
        """The last real change readers would notice, for sitemaps and feeds."""
        return max(
            filter(None, (self.published_at, self.content_changed_at)),
            default=self.updated_at,
        )

    @property
    def search_title(self):
        return self.seo_title or self.title

    @property
    def description(self):
        return self.meta_description or self.summary

    @property
    def reading_time(self):
        """Whole minutes at an unhurried reading pace, at least one."""
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    @property
    def outline(self):
        """The table of contents: each section with its subsections under it."""
        sections = []
        for entry in self.toc:
            if entry["level"] > 2 and sections:
                sections[-1]["subsections"].append(entry)
            else:
                sections.append({**entry, "subsections": []})
        return sections


def publishable_models():
    """Every installed kind of publishable content: articles, pages, any other."""
    return [model for model in apps.get_models() if issubclass(model, Publishable)]
