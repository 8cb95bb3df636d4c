"""What the article form shows around its editor."""

from django.urls import reverse

from editing.models import Draft


def editor_context(request, article):
    """Addresses the editor calls, and the editor's own unsaved draft if any."""
    context = {"preview_url": reverse("editing:preview"), "article": article}
    if article is None:
        return context
    draft = Draft.objects.filter(article=article, user=request.user).first()
    urls = {
        name: reverse(f"editing:{name}", args=[article.pk])
        for name in ("save_draft", "discard_draft", "presence", "take_over", "leave")
    }
    return {
        **context,
        **urls,
        "server_draft": draft if draft and draft.differs_from(article) else None,
    }
