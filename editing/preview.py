"""An article or page as readers would get it, from text not yet saved."""

from editing.checks import named_checks
from publishing.markdown import render_markdown
from publishing.rendering import detail_response


def preview(request, *, model_admin, publishable, fields):
    """Its page, rendered by the app that owns its kind, the checks it passes
    or fails, and its length as the checks count it; nothing is saved."""
    draft = model_admin.unsaved(publishable, fields)
    rendered = render_markdown(draft.body)
    draft.body_html, draft.toc = rendered.html, rendered.toc
    draft.word_count = rendered.word_count
    page = detail_response(request, draft, is_preview=True)
    checks = named_checks(
        model_admin.audit_subject(draft), unlabelled=rendered.unlabelled_images
    )
    return {
        "html": page.content.decode(),
        "word_count": draft.word_count,
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
