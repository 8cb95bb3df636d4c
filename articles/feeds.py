"""RSS 2.0 and Atom feeds for the site, each series and each topic."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article, Series, Topic

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    title = settings.SITE_NAME
    description = settings.SITE_DESCRIPTION

    def link(self):
        return reverse("articles:home")

    def items(self):
        return Article.objects.published().for_listing()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.content_updated_at or item.published_at

    def item_author_name(self, item):
        return item.author.name

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class SeriesFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Series, slug=slug)

    def title(self, series):
        return f"{series.title} · {settings.SITE_NAME}"

    def description(self, series):
        return series.description or f"New parts of {series.title}."

    def link(self, series):
        return series.get_absolute_url()

    def items(self, series):
        return series.articles.published().for_listing()[:FEED_SIZE]


class SeriesAtomFeed(SeriesFeed):
    feed_type = Atom1Feed

    def subtitle(self, series):
        return self.description(series)


class TopicFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return f"{topic.name} · {settings.SITE_NAME}"

    def description(self, topic):
        return topic.description or f"New articles about {topic.name}."

    def link(self, topic):
        return topic.get_absolute_url()

    def items(self, topic):
        return topic.articles.published().for_listing()[:FEED_SIZE]


class TopicAtomFeed(TopicFeed):
    feed_type = Atom1Feed

    def subtitle(self, topic):
        return self.description(topic)
