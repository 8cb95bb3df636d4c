from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from pagecache.generation import register_timer

        # Registers how pages render, the receivers, and the deploy check.
        from pages import checks, detail, notice, signals  # noqa: F401
        from pages.models import Page
        from pages.sitemaps import PageSitemap
        from privacy import notice as privacy_notice
        from seo.sitemaps import register

        register("site", PageSitemap)
        privacy_notice.register(notice.facts)
        # The header and footer change by the clock too: a linked page going
        # live or expiring must show on pages rendered before that moment.
        register_timer(Page.objects.next_change)
