from django.urls import reverse

from articles.models import Article, Author, Series, Topic
from articles.share_images import article_image, with_share_image
from seo.meta import absolute
from seo.sitemaps import SiteSitemap


class ArticleSitemap(SiteSitemap):
    llms_heading = "Articles"

    def items(self):
        return with_share_image(
            Article.objects.indexable()
            .order_by("published_at", "pk")
            .defer("body", "body_html", "body_text", "toc", "search_vector")
        )

    def lastmod(self, article):
        return article.lastmod

    def images(self, article):
        image = article_image(article)
        return [absolute(image.url)] if image else []


class SeriesSitemap(SiteSitemap):
    def items(self):
        return Series.objects.with_published_articles().order_by("slug")

    def lastmod(self, series):
        return series.lastmod


class TopicSitemap(SiteSitemap):
    def items(self):
        return Topic.objects.with_published_articles().order_by("slug")

    def lastmod(self, topic):
        return topic.lastmod


class AuthorSitemap(SiteSitemap):
    def items(self):
        return Author.objects.with_published_articles().order_by("slug")

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

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


class PageSitemap(SiteSitemap):
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
        latest = Article.objects.indexable().order_by("-published_at").first()
        return latest.lastmod if latest else None
