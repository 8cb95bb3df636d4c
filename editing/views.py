"""What the article form's editor calls while an editor types."""

from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.timesince import timesince
from django.views.decorators.http import require_POST

from articles.models import Article
from editing.forms import DraftForm, PreviewForm
from editing.models import PRESENCE_TIMEOUT, Draft, Presence
from editing.preview import preview as render_preview

may_edit = permission_required("articles.change_article", raise_exception=True)


def _invalid(form):
    return JsonResponse({"errors": form.errors.get_json_data()}, status=400)


@require_POST
@permission_required(
    ("articles.add_article", "articles.change_article"), raise_exception=True
)
def preview(request):
    """The page and its checks from the form's fields; nothing is saved."""
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return _invalid(form)
    fields = form.cleaned_data
    return JsonResponse(
        render_preview(request, article=fields["article"], fields=fields)
    )


@require_POST
@may_edit
def save_draft(request, article_id):
    article = get_object_or_404(Article, pk=article_id)
    form = DraftForm(request.POST)
    if not form.is_valid():
        return _invalid(form)
    fields = form.cleaned_data
    draft, _ = Draft.objects.update_or_create(
        article=article,
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
@may_edit
def discard_draft(request, article_id):
    Draft.objects.filter(article_id=article_id, user=request.user).delete()
    return JsonResponse({"discarded": True})


def _name(user):
    return user.get_full_name() or user.get_username()


@require_POST
@may_edit
def presence(request, article_id):
    """Note that this editor has the form open; say who else has."""
    article = get_object_or_404(Article, pk=article_id)
    now = timezone.now()
    mine, created = Presence.objects.get_or_create(article=article, user=request.user)
    if not created and mine.seen_at < now - PRESENCE_TIMEOUT:
        mine.opened_at, mine.taken_over_by = now, None  # opened again
    mine.seen_at = now
    mine.save()
    others = (
        Presence.objects.current()
        .filter(article=article)
        .exclude(user=request.user)
        .select_related("user")
        .order_by("opened_at")
    )
    return JsonResponse(
        {
            "others": [
                f"{_name(other.user)} has had this open for "
                f"{timesince(other.opened_at, now, depth=1)}"
                for other in others
                if other.taken_over_by_id is None
            ],
            "taken_over_by": (
                _name(mine.taken_over_by) if mine.taken_over_by_id else None
            ),
        }
    )


@require_POST
@may_edit
def take_over(request, article_id):
    """Tell everyone else with the form open that this editor carries on."""
    article = get_object_or_404(Article, pk=article_id)
    Presence.objects.filter(article=article).exclude(user=request.user).update(
        taken_over_by=request.user
    )
    Presence.objects.filter(article=article, user=request.user).update(
        taken_over_by=None
    )
    return JsonResponse({"taken_over": True})


@require_POST
@may_edit
def leave(request, article_id):
    Presence.objects.filter(article_id=article_id, user=request.user).delete()
    return JsonResponse({"left": True})
