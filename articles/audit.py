"""The SEO audit of an article, and the checks that stop it being published."""

from django.urls import reverse

from articles.models import Article
from articles.page_meta import article_meta
from publishing.markdown import render_markdown
from seo.audit import Subject, audit
from seo.conf import settings as seo_settings


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


def publishing_blockers(article, *, topics):
    """What stops the article going live: images without alt text, and failed
    checks in SEO_BLOCKING_CHECKS.

    Every way of publishing (the form, the list action, the importers) asks
    this before it saves, so none of them can publish what another refuses.
    """
    rendered = render_markdown(article.body)
    blockers = [
        f"Not published yet: the image {src} has no alt text. Describe it in "
        "the Markdown, ![what it shows](…), or in the media library, where an "
        "image that adds nothing a reader would miss can be marked decorative."
        for src in rendered.unlabelled_images
    ]
    if not seo_settings.SEO_BLOCKING_CHECKS:
        return blockers
    article.body_html, article.word_count = rendered.html, rendered.word_count
    checks = audit(audit_subject(article, topics=list(topics)))
    if blockers:  # the audit's alt-text check would name the same images again
        checks = [check for check in checks if check.name != "image_alt"]
    return blockers + [
        f"Not published yet: {c.message}" for c in checks if c.blocks_publishing
    ]
