"""What readers may see of articles and the groups they form, and what
each list reads of them."""

from django.db import models
from django.db.models import Count, Max
from django.db.models.functions import Greatest, TruncMonth

from publishing.querysets import PublishableQuerySet, published_rule


class CollectionQuerySet(models.QuerySet):
    """Series, topics and authors: groups of articles."""

    def with_published_articles(self):
        """Those with published articles: how many, and their last change."""
        visible = published_rule("articles__")
        last_change = Greatest("articles__published_at", "articles__content_changed_at")
        return self.annotate(
            article_count=Count("articles", filter=visible),
            lastmod=Max(last_change, filter=visible),
        ).filter(article_count__gt=0)


# What a card in a list shows of an article (includes/article_card.html):
# lists read no more than this, and each card's HTML is kept under it.
CARD_FIELDS = (
    "title", "slug", "summary", "published_at", "word_count", "comment_count",
    "series_position", "series__title", "pinned",
)  # fmt: skip


class ArticleQuerySet(PublishableQuerySet):
    def pinned_first(self):
        """Pinned articles first, then the rest, newest first: the home page."""
        return self.order_by("-pinned", "-published_at", "-pk")

    def for_listing(self):
        """What lists show of each article: its card, nothing heavier."""
        return self.select_related("series").only(*CARD_FIELDS)

    def for_feeds(self, *, with_html=False):
        """What feeds show, without the heavy body columns.

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
