"""The article as readers would get it, from text not yet saved."""

from copy import copy

from django.template.loader import render_to_string

from articles.audit import audit_subject
from articles.models import Article, Author
from publishing.markdown import render_markdown
from seo.audit import audit

PLACEHOLDER_AUTHOR = Author(name="Author", slug="author")


def unsaved_article(*, article, fields):
    """A copy of the article (or a new one) carrying the editor's text."""
    draft = copy(article) if article else Article()
    for name in ("title", "summary", "body", "seo_title", "meta_description"):
        setattr(draft, name, fields.get(name) or "")
    draft.slug = fields.get("slug") or draft.slug or "preview"
    if fields.get("author"):
        draft.author = fields["author"]
    elif draft.author_id is None:
        draft.author = PLACEHOLDER_AUTHOR
    rendered = render_markdown(draft.body)
    draft.body_html, draft.toc = rendered.html, rendered.toc
    draft.word_count = rendered.word_count
    return draft


def preview(request, *, article, fields):
    """The page readers would see, and the checks it passes or fails."""
    draft = unsaved_article(article=article, fields=fields)
    topics = list(article.topics.all()) if article else []
    checks = audit(audit_subject(draft, topics=topics))
    html = render_to_string(
        "editing/preview.html", {"article": draft, "topics": topics}, request=request
    )
    return {
        "html": html,
        "checks": [
            {
                "name": check.name,
                "ok": check.ok,
                "message": check.message,
                "blocks": check.blocks_publishing,
            }
            for check in sorted(checks, key=lambda c: (c.ok, not c.blocks_publishing))
        ],
    }
