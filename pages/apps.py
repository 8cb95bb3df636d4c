from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        # Registers how pages render, the receivers, and the deploy check.
        from pages import checks, detail, notice, signals  # noqa: F401
        from pages.sitemaps import PageSitemap
        from privacy import notice as privacy_notice
        from seo.sitemaps import register

        register("site", PageSitemap)
        privacy_notice.register(notice.facts)
