"""What the editing job does after an article is saved from its form."""

from django.db import transaction

from articles.audit import audit_subject
from editing.links import check_internal_links, links_in
from editing.models import AuditResult, Draft
from editing.tasks import check_article_links
from seo.audit import audit


def after_save(*, article, topics, user):
    """Drop the editor's draft, record checks and links; return broken links."""
    Draft.objects.filter(article=article, user=user).delete()
    failures = [
        check.message
        for check in audit(audit_subject(article, topics=list(topics)))
        if not check.ok
    ]
    AuditResult.objects.update_or_create(
        article=article, defaults={"failures": failures}
    )
    broken = check_internal_links(article)
    if links_in(article.body_html)[1]:  # external links to check
        transaction.on_commit(lambda: check_article_links.enqueue(article.pk))
    return broken
