from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import article_page  # noqa: F401 - registers how its pages render
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
