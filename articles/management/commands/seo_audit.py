from django.core.management.base import BaseCommand

from articles.audit import audit_subject
from articles.models import Article
from seo.audit import audit


class Command(BaseCommand):
    help = "Print the SEO checks of every article, a pass or warn line each."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Only these articles.")

    def handle(self, *, slugs, **options):
        articles = Article.objects.select_related("author", "series").order_by("slug")
        if slugs:
            articles = articles.filter(slug__in=slugs)
        warnings = 0
        for article in articles:
            self.stdout.write(f"\n{article.slug} ({article.get_status_display()})")
            checks = audit(audit_subject(article, topics=list(article.topics.all())))
            for check in checks:
                label = "pass" if check.ok else "WARN"
                self.stdout.write(f"  {label}  {check.name}: {check.message}")
            warnings += sum(not check.ok for check in checks)
        self.stdout.write(f"\n{warnings} warning(s) in {len(articles)} article(s).")
