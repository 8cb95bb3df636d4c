"""The SEO audit of an article: the checks (seo/audit.py) run on an article
and compared with the other articles."""

from django.urls import reverse

from articles.models import Article
from articles.page_meta import article_meta
from seo.audit import Subject


def audit_subject(article, *, topics=()):
    """The article as the SEO audit sees it, compared with the rest of the site."""
    others = Article.objects.exclude(pk=article.pk)
    titles = {a.seo_title or a.title for a in others.only("title", "seo_title")}
    descriptions = {
        a.meta_description or a.summary
        for a in others.only("summary", "meta_description")
    }
    public_paths = {
        reverse("articles:detail", kwargs={"slug": slug})
        for slug in Article.objects.published().values_list("slug", flat=True)
    }
    return Subject(
        meta=article_meta(article, topics=topics, comment_count=0, comments_open=True),
        body_html=article.body_html,
        word_count=article.word_count,
        other_titles=frozenset(titles),
        other_descriptions=frozenset(descriptions),
        is_public_path=lambda path: (
            not path.startswith("/articles/") or path in public_paths
        ),
    )
