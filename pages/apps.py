from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from pages import (
            detail,  # noqa: F401 - registers how its pages render
            signals,  # noqa: F401 - connects the receivers
        )
        from pages.sitemaps import PageSitemap
        from seo.sitemaps import register

        register("site", PageSitemap)
