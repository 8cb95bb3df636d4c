from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        # Registers how articles render, and the spelling vocabulary's receivers.
        from articles import article_page, spelling  # noqa: F401
        from articles.models import Article
        from articles.sitemaps import (
            ArchiveSitemap,
            ArticleSitemap,
            AuthorSitemap,
            PageSitemap,
            SeriesSitemap,
            TopicSitemap,
        )
        from pagecache.generation import register_timer
        from seo.sitemaps import register

        register("pages", PageSitemap)
        register("articles", ArticleSitemap)
        register("series", SeriesSitemap)
        register("topics", TopicSitemap)
        register("authors", AuthorSitemap)
        register("archive", ArchiveSitemap)
        # Pages change by the clock too: a page cached before an article goes
        # live must not outlast that moment.
        register_timer(Article.objects.next_change)
