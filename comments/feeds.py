"""RSS and Atom feeds of approved comments: the whole site's, and those on
one article or page.

Readers see a commenter's name and words, as on the page: never an email or
an address (the queryset does not even load them, and no item_author_email).
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse

from comments.conf import settings
from comments.models import Comment
from pagecache import tags
from publishing.addresses import lookup
from publishing.feeds import FEED_SIZE, AtomFeed, RssFeed


class LatestCommentsFeed(Feed):
    feed_type = RssFeed
    title = f"Comments · {settings.SITE_NAME}"
    description = f"The latest readers' comments on {settings.SITE_NAME}."

    def get_object(self, request, *args, **kwargs):
        # The latest comments anywhere, under the titles of what they are on.
        tags.tag(request, tags.COMMENTS, tags.LISTS)

    def link(self):
        return reverse("articles:home")

    def items(self):
        return Comment.objects.in_site_feeds().for_feed()[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.name} on “{item.entry.title}”"

    def item_description(self, item):
        return item.body_html  # the commenter's text, escaped, with safe links

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # The link names a page of comments, which changes as threads grow.
        return f"{settings.SITE_URL}{item.entry.path}#comment-{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return item.name

    def item_author_link(self, item):
        return item.website or None

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        # It appeared when approved; Atom's required <updated> says so.
        return item.reviewed_at or item.created_at

    def item_extra_kwargs(self, item):
        # Last-Modified moves on when one is approved.
        return {"changed": self.item_updateddate(item)}


class LatestCommentsAtomFeed(LatestCommentsFeed):
    feed_type = AtomFeed
    subtitle = LatestCommentsFeed.description


class CommentsOnFeed(LatestCommentsFeed):
    """The approved comments on one published article or page."""

    def get_object(self, request, address):
        target = lookup(f"/{address}")
        if target is None:
            raise Http404("Nothing published has this address.")
        tags.tag(request, tags.tag_of(target))  # its comments change with it
        return target

    def title(self, target):
        return f"Comments on “{target.title}” · {settings.SITE_NAME}"

    def description(self, target):
        return f"Readers' comments on “{target.title}”."

    def link(self, target):
        return f"{target.get_absolute_url()}#comments"

    def items(self, target):
        return Comment.objects.on(target).for_feed()[:FEED_SIZE]


class CommentsOnAtomFeed(CommentsOnFeed):
    feed_type = AtomFeed

    def subtitle(self, target):
        return self.description(target)
