from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from pagecache.generation import register_timer
        from pages import (
            detail,  # noqa: F401 - registers how its pages render
            signals,  # noqa: F401 - connects the receivers
        )
        from pages.models import Page
        from pages.sitemaps import PageSitemap
        from seo.sitemaps import register

        register("site", PageSitemap)
        # The header and footer change by the clock too: a linked page going
        # live or expiring must show on pages rendered before that moment.
        register_timer(Page.objects.next_change)
