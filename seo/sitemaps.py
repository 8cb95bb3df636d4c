"""Sitemaps: other apps register sections; the index and rules live here.

A section lists only pages that may be indexed: its items() must leave out
noindexed pages and pages whose canonical URL points elsewhere, and its
lastmod() must be the last real change of the content.

A section of thousands of URLs reads rows (``values()``), not models, and
each ``<url>`` is written in one step (url_element): a template node per URL
cost more than everything else the request does. The index reads no items:
it asks each section for summary(), which the sections of one app may
answer from one query they share for the request (``once()``).
"""

from datetime import datetime
from functools import cached_property
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib import sitemaps
from django.core.paginator import Paginator
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone

_sections = {}


def register(name, sitemap_class):
    _sections[name] = sitemap_class


def sections():
    return dict(_sections)


class SiteSitemap(sitemaps.Sitemap):
    """A section on this site's own scheme and host, with image entries."""

    limit = 50_000

    def __init__(self, shared=None):
        # What the sections built for one request share (see once()).
        self.shared = {} if shared is None else shared

    def get_domain(self, site=None):
        return settings.SITE_URL.split("://", 1)[1]

    def get_protocol(self, protocol=None):
        return settings.SITE_URL.split("://", 1)[0]

    def images(self, item):
        """Absolute URLs of the item's images, for <image:image> entries."""
        return []

    def llms_items(self):
        """What llms.txt lists of the section (with ``llms_heading``)."""
        return self.items()

    def summary(self):
        """How many URLs the section lists, and the newest lastmod among
        them; from its items unless a section knows a cheaper way."""
        items = self._item_list
        dates = [date for item in items if (date := self.lastmod(item))]
        return len(items), max(dates, default=None)

    def once(self, name, compute):
        """compute(), run once for every section built for this request."""
        if name not in self.shared:
            self.shared[name] = compute()
        return self.shared[name]

    @cached_property
    def _summary(self):
        return self.summary()

    def get_latest_lastmod(self):
        """The index's lastmod of this section: its newest item's lastmod."""
        return self._summary[1]

    @cached_property
    def _item_list(self):
        return self._items()

    @cached_property
    def paginator(self):
        # Counted by summary(): the index pages a section without reading it.
        return CountedPaginator(
            lambda: self._item_list, self.limit, count=lambda: self._summary[0]
        )

    def get_urls(self, page=1, site=None, protocol=None):
        """The page's <url> elements; the newest lastmod is kept for the
        Last-Modified header when every item has one."""
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        zone = get_current_timezone()
        urls, dates = [], []
        for item in self.paginator.page(page).object_list:
            lastmod = self.lastmod(item)
            dates.append(lastmod)
            location, images = f"{base}{self.location(item)}", self.images(item)
            urls.append(url_element(location, lastmod, images, zone=zone))
        if dates and all(dates):
            self.latest_lastmod = max(dates)
        return urls


class CountedPaginator(Paginator):
    """Pages of a section whose length ``count()`` tells: its items are read
    (``items()``) only when a page of them is."""

    def __init__(self, items, per_page, *, count):
        super().__init__([], per_page)
        self._read_items, self._count = items, count

    @cached_property
    def count(self):
        return self._count()

    def page(self, number):
        self.object_list = self._read_items()
        return super().page(number)


def url_element(location, lastmod, images, *, zone):
    """One <url> of a section, its text escaped for XML; lastmod written as
    the template filter date:"c" writes it, in the time zone ``zone``."""
    parts = [f"<url><loc>{escape(location)}</loc>"]
    if lastmod:
        if isinstance(lastmod, datetime):
            lastmod = lastmod.astimezone(zone)
        parts.append(f"<lastmod>{lastmod.isoformat()}</lastmod>")
    for image in images:
        image = escape(image)
        parts.append(f"<image:image><image:loc>{image}</image:loc></image:image>")
    parts.append("</url>")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above
