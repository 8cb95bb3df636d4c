"""The revisions kept of an article or page (django-reversion), as the editor
links to them: the one a form was loaded at, the newest, two compared."""

from django.db.models import JSONField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version


def revisions_of(publishable):
    """Its revisions, newest first, with who saved each."""
    return (
        Version.objects.get_for_object(publishable)
        .select_related("revision__user")
        .order_by("-pk")
    )


def revision_at(publishable, version):
    """The revision saved as ``version`` of it (its version field), or None."""
    return (
        revisions_of(publishable)
        .annotate(data=Cast("serialized_data", JSONField()))
        .filter(data__0__fields__version=version)
        .first()
    )


def compare_url(publishable, older, newer):
    """The admin page showing what changed from one revision to another."""
    opts = publishable._meta
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_compare", args=[publishable.pk]
    )
    return f"{url}?version_id1={older.pk}&version_id2={newer.pk}"


def saved_by(version):
    """Who saved a revision and when, as an editor reads it: “Ana at 10:42 UTC”."""
    user, when = (
        version.revision.user,
        timezone.localtime(version.revision.date_created),
    )
    name = (user.get_full_name() or user.get_username()) if user else "Someone"
    return f"{name} at {when:%H:%M} {when:%Z}"
