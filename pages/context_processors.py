from functools import cached_property

from pagecache import tags, versions
from pages.models import Kind, Page, ShowIn


class SiteLinks:
    """The pages the header and footer link to, in their editors' order:
    read in one query, and only when the header or footer is rendered."""

    @cached_property
    def version(self):
        """What a rendered header and footer are kept under: the version of
        what every page shows (a page linked or unlinked, renamed), and the
        clock (a linked page going live or expiring)."""
        return versions.fragment_key(tags.SITE)

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
