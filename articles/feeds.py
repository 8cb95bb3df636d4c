"""RSS 2.0 and Atom feeds for the site, each series and each topic."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape

from articles.conf import settings
from articles.models import Article, Author, Series, Topic
from publishing.feeds import FEED_SIZE, AtomFeed, RssFeed
from publishing.markdown import with_absolute_urls
from seo.meta import absolute


class LatestArticlesFeed(Feed):
    feed_type = RssFeed
    title = settings.SITE_NAME
    description = settings.SITE_DESCRIPTION

    def link(self):
        return reverse("articles:home")

    def items(self):
        articles = Article.objects.published()
        return articles.for_feeds(with_html=settings.FEEDS_FULL_TEXT)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if settings.FEEDS_FULL_TEXT:
            base = absolute(item.get_absolute_url())
            return with_absolute_urls(item.body_html, base=base)
        # Feed readers show a description as HTML; a summary is plain text.
        return escape(item.summary)

    def item_extra_kwargs(self, item):
        return {"changed": item.lastmod, "feed_guid": item.feed_guid}

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.content_updated_at or item.published_at

    def item_author_name(self, item):
        return item.author.name

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = AtomFeed
    subtitle = LatestArticlesFeed.description


class CollectionFeed(LatestArticlesFeed):
    """The articles of one series or topic, found by its slug."""

    model = None
    about = ""  # the description when the collection has none, e.g. "New … {}."

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def title(self, collection):
        return f"{collection} · {settings.SITE_NAME}"

    def description(self, collection):
        return collection.description or self.about.format(collection)

    def link(self, collection):
        return collection.get_absolute_url()

    def items(self, collection):
        articles = collection.articles.published()
        return articles.for_feeds(with_html=settings.FEEDS_FULL_TEXT)[:FEED_SIZE]


class CollectionAtomFeed(CollectionFeed):
    feed_type = AtomFeed

    def subtitle(self, collection):
        return self.description(collection)


class SeriesFeed(CollectionFeed):
    model, about = Series, "New parts of {}."


class SeriesAtomFeed(CollectionAtomFeed):
    model, about = Series, SeriesFeed.about


class TopicFeed(CollectionFeed):
    model, about = Topic, "New articles about {}."


class TopicAtomFeed(CollectionAtomFeed):
    model, about = Topic, TopicFeed.about


class AuthorFeed(CollectionFeed):
    model, about = Author, "New articles by {}."

    def description(self, author):
        return author.bio or self.about.format(author)


class AuthorAtomFeed(AuthorFeed):
    feed_type = AtomFeed

    def subtitle(self, author):
        return self.description(author)
