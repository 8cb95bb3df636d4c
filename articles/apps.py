from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        # Registers how articles render, and the spelling vocabulary's receivers.
        from articles import article_page, spelling  # noqa: F401
        from articles.sitemaps import (
            ArchiveSitemap,
            ArticleSitemap,
            AuthorSitemap,
            PageSitemap,
            SeriesSitemap,
            TopicSitemap,
        )
        from seo.sitemaps import register

        register("pages", PageSitemap)
        register("articles", ArticleSitemap)
        register("series", SeriesSitemap)
        register("topics", TopicSitemap)
        register("authors", AuthorSitemap)
        register("archive", ArchiveSitemap)
