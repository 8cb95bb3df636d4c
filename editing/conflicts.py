"""Two editors on one article or page: the later save based on an old version
is refused, saying who saved in between and linking to what they changed."""

from django.utils import timezone
from django.utils.html import format_html

from editing.revisions import compare_url, revision_at, revisions_of


def stored_version(publishable, *, lock=False):
    """Its version as stored now (locked until the save commits)."""
    if publishable.pk is None:
        return publishable.version
    rows = type(publishable).objects.filter(pk=publishable.pk)
    if lock:
        rows = rows.select_for_update()
    return rows.values_list("version", flat=True).first()


def conflict_message(publishable, *, editor, loaded):
    """Who saved it since the form was loaded (at version ``loaded``), what
    they changed, and what to do.

    Every save keeps a revision (the form's and the list's actions alike),
    so the newest one names who saved last.
    """
    kind = publishable._meta.verbose_name
    newest = revisions_of(publishable).first()
    user = newest.revision.user if newest else None
    if user is None:
        saved = f"Someone else saved this {kind} after you opened it"
    else:
        when = timezone.localtime(newest.revision.date_created)
        at = f"{when:%H:%M} {when:%Z}"
        if user == editor:
            saved = (
                f"You saved this {kind} in another tab or window (at {at}) "
                "after this form was opened"
            )
        else:
            name = user.get_full_name() or user.get_username()
            saved = f"{name} (at {at}) saved this {kind} after you opened it"
    loaded_revision = revision_at(publishable, loaded) if newest else None
    if loaded_revision is None or loaded_revision == newest:
        return format_html(
            "{}, so this form was not saved. Your text is still here: save "
            "again to replace that version with yours.",
            saved,
        )
    return format_html(
        "{}, so this form was not saved. Your text is still here: "
        '<a href="{}" target="_blank">see what changed</a> (in a new tab), then '
        "save again to replace that version with yours.",
        saved,
        compare_url(publishable, loaded_revision, newest),
    )
