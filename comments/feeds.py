"""RSS and Atom feeds of approved comments: the whole site's, and an article's.

Readers see a commenter's name and words, as on the page: never an email or
an address (the queryset does not even load them, and no item_author_email).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse

from articles.feeds import FEED_SIZE, AtomFeed, RssFeed
from articles.models import Article
from comments.models import Comment
from pagecache import tags


class LatestCommentsFeed(Feed):
    feed_type = RssFeed
    title = f"Comments · {settings.SITE_NAME}"
    description = f"The latest readers' comments on {settings.SITE_NAME}."

    def link(self):
        return reverse("articles:home")

    def items(self):
        return Comment.objects.for_feed()[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.name} on “{item.article.title}”"

    def item_description(self, item):
        return item.body_html  # the commenter's text, escaped, with safe links

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # The link names a page of comments, which changes as threads grow.
        return f"{settings.SITE_URL}{item.article.get_absolute_url()}#comment-{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return item.name

    def item_author_link(self, item):
        return item.website or None

    def item_pubdate(self, item):
        return item.created_at

    def item_extra_kwargs(self, item):
        # It appeared when approved; Last-Modified moves on then.
        return {"changed": item.reviewed_at or item.created_at}


class LatestCommentsAtomFeed(LatestCommentsFeed):
    feed_type = AtomFeed
    subtitle = LatestCommentsFeed.description


class ArticleCommentsFeed(LatestCommentsFeed):
    """The approved comments on one published article."""

    def get_object(self, request, slug):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        tags.tag(request, tags.tag_of(article))  # its comments change with it
        return article

    def title(self, article):
        return f"Comments on “{article.title}” · {settings.SITE_NAME}"

    def description(self, article):
        return f"Readers' comments on “{article.title}”."

    def link(self, article):
        return f"{article.get_absolute_url()}#comments"

    def items(self, article):
        return Comment.objects.filter(article=article).for_feed()[:FEED_SIZE]


class ArticleCommentsAtomFeed(ArticleCommentsFeed):
    feed_type = AtomFeed

    def subtitle(self, article):
        return self.description(article)
