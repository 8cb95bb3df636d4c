from django_tasks import task

from articles.models import Article
from editing.links import check_external_links


@task()
def check_article_links(article_id):
    """Check an article's external links; runs in the task worker."""
    article = Article.objects.filter(pk=article_id).first()
    if article is not None:  # deleted since
        check_external_links(article)
