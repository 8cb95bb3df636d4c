"""What the editor in the form of an article or page calls while an editor
types. Each kind of content is edited here when its admin is a
PublishableAdmin, and each view asks that admin whether this editor may."""

from datetime import timedelta

from django.contrib import admin
from django.contrib.admin.sites import NotRegistered
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.timesince import timesince
from django.views.decorators.http import require_POST

from editing.forms import DraftForm, preview_form
from editing.models import PRESENCE_TIMEOUT, Draft, Presence
from editing.preview import preview as render_preview
from editing.publishable_admin import PublishableAdmin
from publishing.models import Entry


def _admin_of(model):
    """The admin that edits this kind of content with the editor, or 404."""
    try:
        model_admin = admin.site.get_model_admin(model)
    except NotRegistered:
        model_admin = None
    if not isinstance(model_admin, PublishableAdmin):
        raise Http404("This kind of content has no editor.")
    return model_admin


def _editing(request, entry_id):
    """The admin and the article or page of an entry this editor may change."""
    entry = get_object_or_404(Entry, pk=entry_id)
    model_admin = _admin_of(entry.content_type.model_class())
    publishable = get_object_or_404(model_admin.model, pk=entry.object_id)
    if not model_admin.has_change_permission(request, publishable):
        raise PermissionDenied
    return model_admin, publishable


def _invalid(form):
    return JsonResponse({"errors": form.errors.get_json_data()}, status=400)


def _preview(request, model_admin, publishable):
    form = preview_form(model_admin.model, model_admin.preview_fields)(request.POST)
    if not form.is_valid():
        return _invalid(form)
    return JsonResponse(
        render_preview(
            request,
            model_admin=model_admin,
            publishable=publishable,
            fields=form.cleaned_data,
        )
    )


@require_POST
def preview_new(request, content_type_id):
    """The page and its checks from the fields of a form not saved yet."""
    kind = get_object_or_404(ContentType, pk=content_type_id)
    model_admin = _admin_of(kind.model_class())
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    return _preview(request, model_admin, None)


@require_POST
def preview(request, entry_id):
    """The page and its checks from the form's fields; nothing is saved."""
    return _preview(request, *_editing(request, entry_id))


@require_POST
def save_draft(request, entry_id):
    _, publishable = _editing(request, entry_id)
    form = DraftForm(request.POST)
    if not form.is_valid():
        return _invalid(form)
    fields = form.cleaned_data
    draft, _ = Draft.objects.update_or_create(
        entry_id=publishable.entry_id,
        user=request.user,
        defaults={
            "title": fields["title"],
            "summary": fields["summary"],
            "body": fields["body"],
            "based_on_version": fields["version"],
        },
    )
    return JsonResponse({"saved_at": draft.saved_at.isoformat()})


@require_POST
def discard_draft(request, entry_id):
    _editing(request, entry_id)
    Draft.objects.filter(entry_id=entry_id, user=request.user).delete()
    return JsonResponse({"discarded": True})


def _open_for(presence, now):
    """“Ana has had this open for 2 minutes”, or “Ana opened this just now”."""
    user = presence.user
    name = user.get_full_name() or user.get_username()
    if now - presence.opened_at < timedelta(minutes=1):
        return f"{name} opened this just now"
    return f"{name} has had this open for {timesince(presence.opened_at, now, depth=1)}"


@require_POST
def presence(request, entry_id):
    """Note that this editor has the form open; say who else has."""
    _editing(request, entry_id)
    now = timezone.now()
    mine, created = Presence.objects.get_or_create(entry_id=entry_id, user=request.user)
    if not created and mine.seen_at < now - PRESENCE_TIMEOUT:
        mine.opened_at, mine.taken_over_by = now, None  # opened again
    mine.seen_at = now
    mine.save()
    others = (
        Presence.objects.current()
        .filter(entry_id=entry_id, taken_over_by__isnull=True)
        .exclude(user=request.user)
        .select_related("user")
        .order_by("opened_at")
    )
    taken_over_by = mine.taken_over_by
    return JsonResponse(
        {
            "others": [_open_for(other, now) for other in others],
            "taken_over_by": (
                (taken_over_by.get_full_name() or taken_over_by.get_username())
                if taken_over_by
                else None
            ),
        }
    )


@require_POST
def take_over(request, entry_id):
    """Tell everyone else with the form open that this editor carries on."""
    _editing(request, entry_id)
    here = Presence.objects.filter(entry_id=entry_id)
    here.exclude(user=request.user).update(taken_over_by=request.user)
    here.filter(user=request.user).update(taken_over_by=None)
    return JsonResponse({"taken_over": True})


@require_POST
def leave(request, entry_id):
    _editing(request, entry_id)
    Presence.objects.filter(entry_id=entry_id, user=request.user).delete()
    return JsonResponse({"left": True})
