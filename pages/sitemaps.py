from pages.models import Page
from seo.sitemaps import SiteSitemap


class PageSitemap(SiteSitemap):
    def items(self):
        return Page.objects.indexable().order_by("slug").defer("body", "body_html")

    def lastmod(self, page):
        return page.updated_at
