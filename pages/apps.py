from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from pages import signals

        post_migrate.connect(signals.draw_missing_share_cards, sender=self)
        from pages.sitemaps import PageSitemap
        from seo.sitemaps import register

        register("site", PageSitemap)
