from functools import cached_property

from django.db.models import Count, F, Max, Q
from django.db.models.functions import Greatest, TruncMonth, TruncYear
from django.urls import reverse

from articles.models import Article, Author, Series, Topic
from articles.share_images import KEY_PREFIX, article_image, with_share_image
from publishing.querysets import published_rule
from seo.meta import absolute
from seo.sitemaps import SiteSitemap
from seo.social import card_digests, card_path

# Article.lastmod in SQL, for published articles (which have a publish time).
CHANGED = Greatest("published_at", "content_changed_at")


def listed_facts():
    """How many articles the sitemap lists, and their newest change."""
    indexable = Article.objects.indexable()
    return indexable.aggregate(count=Count("pk"), lastmod=Max(CHANGED))


def published_facts():
    """How many series, authors, months and years have published articles,
    and the newest changes among those articles."""
    return Article.objects.published().aggregate(
        lastmod=Max(CHANGED),
        series_count=Count("series", distinct=True),
        series_lastmod=Max(CHANGED, filter=Q(series__isnull=False)),
        authors_count=Count("author", distinct=True),
        months_count=Count(TruncMonth("published_at"), distinct=True),
        years_count=Count(TruncYear("published_at"), distinct=True),
    )


def topic_facts():
    """How many topics have published articles, and their newest change."""
    tagged = Article.topics.through.objects.filter(published_rule("article__"))
    return tagged.aggregate(
        count=Count("topic", distinct=True),
        lastmod=Max(Greatest("article__published_at", "article__content_changed_at")),
    )


class ArticleSitemap(SiteSitemap):
    llms_heading = "Articles"

    def items(self):
        """Rows: each address as stored with the article's entry, its last
        change, and what decides its share image."""
        indexable = Article.objects.indexable().order_by("published_at", "pk")
        return indexable.values(
            "pk", "social_image", "share_image_id",
            path=F("entry__path"), changed=CHANGED,
        )  # fmt: skip

    def summary(self):
        facts = self.once("listed", listed_facts)
        return facts["count"], facts["lastmod"]

    def llms_items(self):
        indexable = Article.objects.indexable().order_by("published_at", "pk")
        return indexable.only("title", "slug", "summary")

    def location(self, row):
        return row["path"]

    def lastmod(self, row):
        return row["changed"]

    def images(self, row):
        """The share image article_image() chooses, without a model per row:
        most articles show their drawn card."""
        if row["social_image"] or row["share_image_id"]:
            return [absolute(article_image(self._own_images[row["pk"]]).url)]
        if digest := self._cards.get(row["pk"]):
            return [absolute(card_path(f"{KEY_PREFIX}-{row['pk']}", digest))]
        return []

    @cached_property
    def _cards(self):
        return card_digests(KEY_PREFIX)

    @cached_property
    def _own_images(self):
        """The few articles with an image of their own, read whole."""
        own = Q(share_image__isnull=False) | ~Q(social_image="")
        articles = with_share_image(Article.objects.indexable().filter(own))
        return {article.pk: article for article in articles}


class SeriesSitemap(SiteSitemap):
    def items(self):
        return Series.objects.with_published_articles().order_by("slug")

    def summary(self):
        facts = self.once("published", published_facts)
        return facts["series_count"], facts["series_lastmod"]

    def lastmod(self, series):
        return series.lastmod


class TopicSitemap(SiteSitemap):
    def items(self):
        return Topic.objects.with_published_articles().order_by("slug")

    def summary(self):
        facts = self.once("topics", topic_facts)
        return facts["count"], facts["lastmod"]

    def lastmod(self, topic):
        return topic.lastmod


class AuthorSitemap(SiteSitemap):
    def items(self):
        return Author.objects.with_published_articles().order_by("slug")

    def summary(self):
        facts = self.once("published", published_facts)
        return facts["authors_count"], facts["lastmod"]

    def lastmod(self, author):
        return author.lastmod


class ArchiveSitemap(SiteSitemap):
    def items(self):
        """Each year and month with published articles: its path, last change."""
        months, years = [], {}
        for entry in Article.objects.published().months():
            month, lastmod = entry["month"], entry["lastmod"]
            years[month.year] = max(years.get(month.year, lastmod), lastmod)
            path = reverse("articles:archive_month", args=[month.year, month.month])
            months.append((path, lastmod))
        return [
            (reverse("articles:archive_year", args=[year]), lastmod)
            for year, lastmod in years.items()
        ] + months

    def summary(self):
        facts = self.once("published", published_facts)
        return facts["years_count"] + facts["months_count"], facts["lastmod"]

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


class PageSitemap(SiteSitemap):
    """The lists of articles: they change with any article the sitemap lists."""

    def items(self):
        return [
            "articles:home",
            "articles:list",
            "articles:topic_list",
            "articles:series_list",
            "articles:author_list",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.once("listed", listed_facts)["lastmod"]
