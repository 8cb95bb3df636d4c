from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import signals  # noqa: F401 - connects the receivers
        from articles.sitemaps import (
            ArticleSitemap,
            PageSitemap,
            SeriesSitemap,
            TopicSitemap,
        )
        from seo.sitemaps import register

        register("pages", PageSitemap)
        register("articles", ArticleSitemap)
        register("series", SeriesSitemap)
        register("topics", TopicSitemap)
