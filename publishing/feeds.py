"""The feed formats every feed of the site is written in."""

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

FEED_SIZE = 20


class ChangeDated:
    """A feed dated by its newest item's last change, which each item names
    as ``changed``: the feed's Last-Modified header, so that a reader's
    If-Modified-Since is answered 304 until something in it changes."""

    def latest_post_date(self):
        changes = [item["changed"] for item in self.items if item.get("changed")]
        return max(changes, default=None) or super().latest_post_date()

    def add_item(self, *args, feed_guid="", **kwargs):
        # An article moved from another site keeps the id feed readers know it
        # by, so that they do not show it again as new; others, their link.
        if feed_guid:
            kwargs.update(unique_id=feed_guid, unique_id_is_permalink=False)
        super().add_item(*args, **kwargs)


class RssFeed(ChangeDated, Rss201rev2Feed):
    def add_item(self, title, *args, **kwargs):
        # RSS readers show a title as HTML (Django's own default title is
        # escaped for that reason): a name or title is text, never markup.
        super().add_item(escape(title), *args, **kwargs)


class AtomFeed(ChangeDated, Atom1Feed):
    pass
