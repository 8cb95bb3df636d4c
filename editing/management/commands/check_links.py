from django.core.management.base import BaseCommand

from articles.models import Article
from editing.links import check_internal_links
from editing.tasks import check_article_links


class Command(BaseCommand):
    help = (
        "Check the links of every published article: internal ones now, "
        "external ones in the task worker (see Editing → Link checks)."
    )

    def handle(self, **options):
        articles = Article.objects.published().only("pk", "body_html")
        for article in articles:
            check_internal_links(article)
            check_article_links.enqueue(article.pk)
        self.stdout.write(f"Checking the links of {len(articles)} article(s).")
