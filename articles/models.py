import hashlib
import math
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import Greatest, TruncMonth
from django.urls import reverse
from django.utils import timezone

from articles.comment_counts import CommentCounts
from articles.markdown import render_markdown
from library.tasks import render_again_once_ready
from pagecache import tags
from seo.models import SearchEngineFields, own_canonical

SEARCH_CONFIG = "english"
WORDS_PER_MINUTE = 230
PREVIEW_LINK_LIFETIME = timedelta(days=7)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class CollectionQuerySet(models.QuerySet):
    """Series, topics and authors: groups of articles."""

    def with_published_articles(self):
        """Those with published articles: how many, and their last change."""
        visible = Q(articles__in=Article.objects.published())
        last_change = Greatest("articles__published_at", "articles__content_changed_at")
        return self.annotate(
            article_count=Count("articles", filter=visible),
            lastmod=Max(last_change, filter=visible),
        ).filter(article_count__gt=0)


class Collection:
    """What a change to a series, topic or author makes stale."""

    def purge_tags(self):
        """Its pages and the articles in it (they name it), lists, sitemaps."""
        return {tags.tag_of(self), tags.LISTS, tags.SITEMAPS}


class Author(Collection, models.Model):
    name = models.CharField(max_length=100, help_text="Shown to readers.")
    slug = models.SlugField(
        max_length=100, unique=True, help_text="The address of the author's page."
    )
    bio = models.TextField(
        blank=True, help_text="One or two sentences, shown on the author's page."
    )
    url = models.URLField(blank=True, help_text="Optional link to the author's site.")

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ("name",)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Series(Collection, models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ("title",)
        verbose_name_plural = "series"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:series", kwargs={"slug": self.slug})


class Topic(Collection, models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        # Searches for a misspelled word look for topics named like it.
        indexes = [
            GinIndex(
                fields=["name"], name="topic_name_trgm_idx", opclasses=["gin_trgm_ops"]
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What a reader may see: published, due, and not yet expired."""
        now = timezone.now()
        return self.filter(status=Status.PUBLISHED, published_at__lte=now).filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now)
        )

    def expired(self):
        return self.filter(status=Status.PUBLISHED, unpublish_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def gone(self):
        """Articles readers saw that are off the site now: they answer 410 Gone."""
        withdrawn = Q(status=Status.DRAFT, withdrawn_at__isnull=False)
        return self.expired() | self.filter(withdrawn)

    def next_change(self):
        """The next moment an article goes live, expires or closes to comments."""
        now = timezone.now()
        published = self.filter(status=Status.PUBLISHED)
        moments = published.aggregate(
            live=Min("published_at", filter=Q(published_at__gt=now)),
            expiry=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        )
        if (days := settings.COMMENTS_CLOSE_AFTER_DAYS) is not None:
            still_open = Q(comments_open=True, published_at__gt=now - timedelta(days))
            first = published.aggregate(at=Min("published_at", filter=still_open))
            if first["at"] is not None:
                moments["closing"] = first["at"] + timedelta(days)
        return min(filter(None, moments.values()), default=None)

    def pinned_first(self):
        """Pinned articles first, then the rest, newest first: the home page."""
        return self.order_by("-pinned", "-published_at", "-pk")

    def for_listing(self, *, with_html=False):
        """What lists and feeds show, without the heavy body columns.

        ``with_html`` keeps the rendered body, for feeds that carry it.
        """
        heavy = ["body", "body_text", "toc", "search_vector"]
        return (
            self.select_related("author", "series")
            .prefetch_related("topics")
            .defer(*heavy, *([] if with_html else ["body_html"]))
        )

    def months(self):
        """Each month with articles, newest first: how many, and their last
        change (in the current time zone)."""
        return (
            self.annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(
                article_count=Count("pk"),
                lastmod=Max(Greatest("published_at", "content_changed_at")),
            )
            .order_by("-month")
        )

    def indexable(self):
        """Published articles search engines may list: the sitemap's items."""
        return self.published().filter(own_canonical("/articles/"), noindex=False)


class Article(SearchEngineFields, CommentCounts):
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text="The address of the article: letters of any script, digits "
        "and hyphens. Keep it stable once published.",
    )
    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences. Shown in lists and used as the description "
        "search engines show.",
    )
    body = models.TextField(help_text="Markdown (CommonMark, with tables).")
    body_html = models.TextField(editable=False, default="")
    body_text = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    word_count = models.PositiveIntegerField(editable=False, default=0)
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="articles"
    )
    series = models.ForeignKey(
        Series,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    series_position = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Part number within the series (1, 2, …)."
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Readers see the article from this time on. A future time "
        "schedules it; it appears by itself, no further step needed.",
    )
    unpublish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Optional. From this time on the article is withdrawn and its "
        "address answers “410 Gone”.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    content_updated_at = models.DateTimeField(
        "last substantive update",
        null=True,
        blank=True,
        help_text="Set this when the content changes in a way readers should "
        "know about. Typo fixes need not change it.",
    )
    comments_open = models.BooleanField(
        default=True, help_text="Untick to close the article to new comments."
    )
    pinned = models.BooleanField(
        default=False,
        help_text="Tick to show the article first on the home page, above newer "
        "ones, for as long as it stays ticked.",
    )
    content_changed_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="When the title, summary or body last changed; sitemaps use it.",
    )
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="When a live article was set back to draft; it answers 410 "
        "Gone until it is published again.",
    )
    social_image = models.ImageField(
        upload_to="social/",
        blank=True,
        width_field="social_image_width",
        height_field="social_image_height",
        help_text="Optional, best at 1200×630. Without one, a card is drawn from "
        "the title.",
    )
    social_image_width = models.PositiveIntegerField(null=True, editable=False)
    social_image_height = models.PositiveIntegerField(null=True, editable=False)
    social_image_alt = models.CharField(
        max_length=200, blank=True, help_text="Describe the image for screen readers."
    )
    share_image = models.ForeignKey(
        "library.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="share image from the library",
        help_text="Optional: an image from the media library for social networks, "
        "cropped to 1200×630 around its focal point. An uploaded social image "
        "above comes first.",
    )
    library_images = models.ManyToManyField(
        "library.Image",
        through="ArticleImage",
        related_name="articles",
        editable=False,
        help_text="The library images the body shows, kept from deletion.",
    )
    import_checksum = models.CharField(max_length=64, blank=True, editable=False)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up at every save; a form based on an older one is refused.",
    )
    feed_guid = models.CharField(
        "feed GUID",
        max_length=500,
        blank=True,
        editable=False,
        help_text="The id feed readers already know this article by, when it "
        "came from another site; empty: its address.",
    )
    search_vector = models.GeneratedField(
        expression=(
            SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
            + SearchVector("body_text", weight="C", config=SEARCH_CONFIG)
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ("-published_at", "-pk")
        get_latest_by = "published_at"
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_idx"),
            # Searches for a misspelled word look for titles with a word like it.
            GinIndex(
                fields=["title"],
                name="article_title_trgm_idx",
                opclasses=["gin_trgm_ops"],
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "series_position"], name="unique_series_position"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="published_article_has_publish_time",
                violation_error_message="A published article needs a publish time.",
            ),
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(unpublish_at__gt=models.F("published_at")),
                name="unpublish_after_publish",
                violation_error_message="The expiry time must be after the "
                "publish time.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        rendered = render_markdown(self.body)
        self.body_html = rendered.html
        self.body_text = rendered.text
        self.toc = rendered.toc
        self.word_count = rendered.word_count
        content_hash = hashlib.sha256(
            "\x00".join((self.title, self.summary, self.body)).encode()
        ).hexdigest()
        if content_hash != self.content_hash:
            self.content_hash = content_hash
            self.content_changed_at = timezone.now()
        self.withdrawn_at = self._withdrawn_at()
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)
        render_again_once_ready(rendered.waiting_images)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._stored_series_id = article.__dict__.get("series_id")
        article._stored_author_id = article.__dict__.get("author_id")
        return article

    def purge_tags(self):
        """The pages a change to this article makes stale.

        Its page and those showing it; those of the series and author (this
        one and any it left) and topics whose pages may start or stop showing
        it; lists and sitemaps, which show every article.
        """
        series = {self.series_id, getattr(self, "_stored_series_id", None)}
        authors = {self.author_id, getattr(self, "_stored_author_id", None)}
        topics = self.topics.values_list("pk", flat=True)
        return {
            tags.tag_of(self),
            *(tags.tag_for(Series, pk) for pk in series - {None}),
            *(tags.tag_for(Author, pk) for pk in authors - {None}),
            *(tags.tag_for(Topic, pk) for pk in topics),
            tags.LISTS,
            tags.SITEMAPS,
        }

    def _withdrawn_at(self):
        """When readers lost this article: now if it was live until this save."""
        if self.status == Status.PUBLISHED:
            return None
        was_live = (
            self.withdrawn_at is None
            and self.pk
            and Article.objects.published().filter(pk=self.pk).exists()
        )
        return timezone.now() if was_live else self.withdrawn_at

    @property
    def reading_time(self):
        """Whole minutes at an unhurried reading pace, at least one."""
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    @property
    def lastmod(self):
        """The last real change readers would notice, for sitemaps and feeds."""
        return max(
            filter(None, (self.published_at, self.content_changed_at)),
            default=self.updated_at,
        )

    @property
    def modified(self):
        """The update date shown to readers: the editor's, or the publish date."""
        return self.content_updated_at or self.published_at

    @property
    def search_title(self):
        return self.seo_title or self.title

    @property
    def description(self):
        return self.meta_description or self.summary

    @property
    def markdown_path(self):
        return reverse("articles:markdown", kwargs={"slug": self.slug})

    def addresses(self, slug=None):
        """Every public address of the article (or of it under an older slug)."""
        slug = slug or self.slug
        return [
            reverse(name, kwargs={"slug": slug})
            for name in ("articles:detail", "articles:markdown", "comments:list")
        ]

    @property
    def takes_comments(self):
        """Whether the article takes new comments now (COMMENTS_CLOSE_AFTER_DAYS)."""
        if not self.comments_open:
            return False
        days = settings.COMMENTS_CLOSE_AFTER_DAYS
        if days is None or self.published_at is None:
            return True
        return timezone.now() < self.published_at + timedelta(days=days)

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

    @property
    def state(self):
        """Where the article stands for readers now, in an editor's words."""
        now = timezone.now()
        if self.status == Status.DRAFT:
            return "Withdrawn" if self.withdrawn_at else "Draft"
        if self.published_at > now:
            return "Scheduled"
        if self.unpublish_at and self.unpublish_at <= now:
            return "Expired"
        return "Live"

    @property
    def is_live(self):
        now = timezone.now()
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    def series_parts(self):
        """The published parts of this article's series, in order."""
        if self.series_id is None:
            return Article.objects.none()
        return (
            Article.objects.published()
            .filter(series_id=self.series_id)
            .order_by("series_position", "published_at")
            .only("title", "slug", "series_position")
        )

    def related(self, *, topics=None, limit=3):
        """Published articles sharing the most topics with this one."""
        return (
            Article.objects.published()
            .filter(topics__in=self.topics.all() if topics is None else topics)
            .exclude(pk=self.pk)
            .annotate(shared_topics=Count("topics"))
            .select_related("series")
            .order_by("-shared_topics", "-published_at")[:limit]
        )


class ArticleImage(models.Model):
    """A library image an article's body shows: it cannot be deleted meanwhile."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    image = models.ForeignKey(
        "library.Image", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "image"], name="unique_article_image"
            )
        ]

    def __str__(self):
        return f"{self.image} in “{self.article}”"


def new_preview_token():
    return secrets.token_urlsafe(32)


def default_preview_expiry():
    return timezone.now() + PREVIEW_LINK_LIFETIME


class PreviewLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked=False, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """An unguessable address that shows an unpublished article to a reviewer."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links"
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_preview_token, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(
        default=default_preview_expiry, help_text="The link stops working after this."
    )
    revoked = models.BooleanField(
        default=False, help_text="Tick to stop the link working at once."
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)

    def __str__(self):
        return f"Preview of “{self.article}”"

    def get_absolute_url(self):
        return reverse("articles:shared_preview", kwargs={"token": self.token})
