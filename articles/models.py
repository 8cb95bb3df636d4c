import hashlib
import secrets
from datetime import timedelta

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from articles.querysets import CARD_FIELDS, ArticleQuerySet, CollectionQuerySet
from pagecache import tags
from publishing.models import Publishable
from web.routes import cached_reverse

SEARCH_CONFIG = "english"
PREVIEW_LINK_LIFETIME = timedelta(days=7)


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
        return cached_reverse("articles:author", slug=self.slug)


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
        return cached_reverse("articles:series", slug=self.slug)


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
        return cached_reverse("articles:topic", slug=self.slug)


class Article(Publishable):
    url_prefix = "/articles/"
    detail_url_name = "articles:detail"
    extra_address_names = ("articles:markdown",)
    comments_in_feeds = True

    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text="The address of the article: letters of any script, digits "
        "and hyphens. Keep it stable once published.",
    )
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
    content_updated_at = models.DateTimeField(
        "last substantive update",
        null=True,
        blank=True,
        help_text="Set this when the content changes in a way readers should "
        "know about. Typo fixes need not change it.",
    )
    pinned = models.BooleanField(
        default=False,
        help_text="Tick to show the article first on the home page, above newer "
        "ones, for as long as it stays ticked.",
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
    import_checksum = models.CharField(max_length=64, blank=True, editable=False)
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

    class Meta(Publishable.Meta):
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
            *Publishable.Meta.constraints,
            models.UniqueConstraint(
                fields=["series", "series_position"], name="unique_series_position"
            ),
        ]

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
            *super().purge_tags(),
            *(tags.tag_for(Series, pk) for pk in series - {None}),
            *(tags.tag_for(Author, pk) for pk in authors - {None}),
            *(tags.tag_for(Topic, pk) for pk in topics),
            tags.LISTS,
        }

    def share_kicker(self):
        return self.series.title if self.series_id else super().share_kicker()

    @property
    def modified(self):
        """The update date shown to readers: the editor's, or the publish date."""
        return self.content_updated_at or self.published_at

    @property
    def markdown_path(self):
        return cached_reverse("articles:markdown", slug=self.slug)

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
        """Published articles sharing the most topics with this one, as cards."""
        return (
            Article.objects.published()
            .filter(topics__in=self.topics.all() if topics is None else topics)
            .exclude(pk=self.pk)
            .annotate(shared_topics=Count("topics"))
            .for_listing()
            .order_by("-shared_topics", "-published_at")[:limit]
        )

    @property
    def card_key(self):
        """What its card shows (CARD_FIELDS), which the card is kept under."""
        shown = [self.pk]
        for name in CARD_FIELDS:
            value = self
            for step in name.split("__"):
                value = getattr(value, step) if value is not None else None
            shown.append(value)
        return repr(shown)


def new_preview_key():
    return secrets.token_urlsafe(32)


def preview_token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def default_preview_expiry():
    return timezone.now() + PREVIEW_LINK_LIFETIME


class PreviewLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked=False, expires_at__gt=timezone.now())

    def by_token(self, token):
        return self.filter(token_hash=preview_token_hash(token))


class PreviewLink(models.Model):
    """An unguessable address that shows an unpublished article to a reviewer.

    The token in the address is not stored: it is made from a stored random
    key and the site's secret key, and found by its hash. A copy of the
    database opens no preview, and editors can still copy the link.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links"
    )
    key = models.CharField(max_length=64, default=new_preview_key, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
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

    def save(self, *args, **kwargs):
        if not self.token_hash:
            self.token_hash = preview_token_hash(self.token)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.token is None:
            return None
        return reverse("articles:shared_preview", kwargs={"token": self.token})

    @property
    def token(self):
        """None for a link made before tokens were kept as hashes only."""
        if not self.key:
            return None
        return salted_hmac(
            "articles.preview-link", self.key, algorithm="sha256"
        ).hexdigest()


class SpellingWord(models.Model):
    """A word readers may search for: one of the titles, topic names or text
    of published articles, lowercased, with how many articles use it.

    Written whole by ``articles.spelling.refresh_vocabulary`` (the task
    worker, after every change to an article, and hourly for the clock);
    read by the search's "Did you mean".
    """

    word = models.CharField(max_length=100, unique=True)
    articles = models.PositiveIntegerField(help_text="How many articles use it.")

    class Meta:
        indexes = [
            GinIndex(
                fields=["word"],
                name="spelling_word_trgm_idx",
                opclasses=["gin_trgm_ops"],
            )
        ]

    def __str__(self):
        return self.word
