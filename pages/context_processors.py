from functools import cached_property

from django.core.cache import cache

from pagecache import generation
from pages.models import Kind, Page, ShowIn


class SiteLinks:
    """The pages the header and footer link to, in their editors' order:
    read in one query, and only when the header or footer is rendered."""

    @cached_property
    def version(self):
        """What a rendered header and footer are kept under: the page cache's
        generation, renewed by any change to the site (a page linked or
        unlinked, renamed, scheduled to go live...)."""
        return generation.current(cache.get(generation.STATE_KEY))["generation"]

    @cached_property
    def _pages(self):
        return list(Page.objects.linked().defer("body", "body_html"))

    @property
    def header(self):
        return [page for page in self._pages if page.show_in == ShowIn.HEADER]

    @property
    def footer(self):
        return [page for page in self._pages if page.show_in == ShowIn.FOOTER]

    @property
    def privacy(self):
        return next((page for page in self._pages if page.kind == Kind.PRIVACY), None)


def site_links(request):
    return {"site_links": SiteLinks()}
