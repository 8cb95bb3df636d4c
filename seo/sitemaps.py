"""Sitemaps: other apps register sections; the index and rules live here.

A section lists only pages that may be indexed: its items() must leave out
noindexed pages and pages whose canonical URL points elsewhere, and its
lastmod() must be the last real change of the content.
"""

from django.conf import settings
from django.contrib import sitemaps

_sections = {}


def register(name, sitemap_class):
    _sections[name] = sitemap_class


def sections():
    return dict(_sections)


class SiteSitemap(sitemaps.Sitemap):
    """A section on this site's own scheme and host, with image entries."""

    limit = 50_000

    def get_domain(self, site=None):
        return settings.SITE_URL.split("://", 1)[1]

    def get_protocol(self, protocol=None):
        return settings.SITE_URL.split("://", 1)[0]

    def images(self, item):
        """Absolute URLs of the item's images, for <image:image> entries."""
        return []

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["images"] = self.images(url["item"])
        return urls

    def get_latest_lastmod(self):
        """The index's lastmod of this section: its newest item's lastmod."""
        dates = [date for item in self.items() if (date := self.lastmod(item))]
        return max(dates, default=None)
