from functools import cached_property

from pages.models import Kind, Page, ShowIn


class SiteLinks:
    """The pages the header and footer link to, in their editors' order:
    read in one query, and only by a page that shows them."""

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
