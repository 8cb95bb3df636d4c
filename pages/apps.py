from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from django.urls import register_converter

        from pages import signals
        from pages.converters import PagePathConverter

        # Here, not in pages.urls: comments.urls, read first, uses it too.
        register_converter(PagePathConverter, "pagepath")

        post_migrate.connect(signals.draw_missing_share_cards, sender=self)
        from pages.sitemaps import PageSitemap
        from seo.sitemaps import register

        register("site", PageSitemap)
