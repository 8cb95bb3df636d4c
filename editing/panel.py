"""What the form of an article or page shows around its editor."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from editing.models import Draft
from editing.revisions import compare_url, revisions_of, saved_by

ENTRY_URLS = (
    "preview",
    "save_draft",
    "discard_draft",
    "presence",
    "take_over",
    "leave",
)


def editor_context(request, publishable, *, model_admin):
    """Addresses the editor calls, the preview's fields, the editor's own
    unsaved draft and the latest revisions, if any."""
    context = {
        "kind": model_admin.model._meta.verbose_name,
        "preview_fields": " ".join(model_admin.preview_fields),
    }
    if publishable is None:
        kind = ContentType.objects.get_for_model(model_admin.model)
        return {**context, "preview": reverse("editing:preview_new", args=[kind.pk])}
    draft = Draft.objects.filter(entry_id=publishable.entry_id, user=request.user)
    draft = draft.first()
    return {
        **context,
        **{
            name: reverse(f"editing:{name}", args=[publishable.entry_id])
            for name in ENTRY_URLS
        },
        "publishable": publishable,
        "server_draft": draft if draft and draft.differs_from(publishable) else None,
        "revisions": latest_revisions(publishable),
    }


def latest_revisions(publishable):
    """How often it was saved, by whom last, and where to see what changed."""
    revisions = revisions_of(publishable)
    count = revisions.count()
    if not count:
        return None
    newest, *before = revisions[:2]
    opts = publishable._meta
    return {
        "count": count,
        "last": saved_by(newest),
        "compare_url": compare_url(publishable, before[0], newest) if before else "",
        "history_url": reverse(
            f"admin:{opts.app_label}_{opts.model_name}_history",
            args=[publishable.pk],
        ),
    }
