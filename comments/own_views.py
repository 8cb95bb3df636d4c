"""A commenter changes their mind: edit or delete a comment from the browser
that sent it (its own-comments cookie), for COMMENTS_EDIT_MINUTES after
sending it, as Isso and Remark42 allow. An edit meets the moderation rules
again; saving purges the pages that show the comment.
"""

from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from comments import confirmation, cookies
from comments.commenters import Action, CommenterAction
from comments.conf import settings
from comments.forms import EditForm
from comments.models import Comment
from comments.privacy import remove
from seo.meta import PageMeta
from web.origin import cross_origin_protected


@require_http_methods(["GET", "POST"])
@never_cache
@cross_origin_protected
def edit(request, pk):
    """GET: the comment's text in a form. POST: store the new text."""
    comment = _own(request, pk)
    if comment is None:
        return _page(request, comment, "too_late", "Too late to edit", status=403)
    form = EditForm(
        request.POST if request.method == "POST" else None, instance=comment
    )
    if not form.is_valid():
        return _page(request, comment, "edit", "Edit your comment", form=form)
    with transaction.atomic():
        confirmation.save_edit(
            form.save(commit=False),
            confirmed_here=cookies.confirmed_here(request, comment.email),
        )
    return redirect(comment.get_absolute_url())


@require_http_methods(["GET", "POST"])
@never_cache
@cross_origin_protected
def delete(request, pk):
    """GET: are you sure? POST: delete it (emptied, if others replied), in
    the log of commenters' own actions as from the mailed page."""
    comment = _own(request, pk)
    if comment is None:
        return _page(request, comment, "too_late", "Too late to delete", status=403)
    if request.method == "GET":
        return _page(request, comment, "delete", "Delete your comment")
    with transaction.atomic():
        remove(Comment.objects.filter(pk=comment.pk))
        CommenterAction.record(
            Action.DELETED, email=comment.email, detail=f"comment #{comment.pk}"
        )
    return _page(request, comment, "deleted", "Comment deleted")


def _own(request, pk):
    """The comment, if this browser sent it and may still change it."""
    own = Comment.objects.editable_by(cookies.own_comment_ids(request))
    return own.select_related("entry").filter(pk=pk).first()


def _page(request, comment, name, title, *, status=200, **context):
    if comment is not None:
        ends = comment.created_at.timestamp() + settings.COMMENTS_EDIT_MINUTES * 60
        context["minutes_left"] = max(1, int(ends - timezone.now().timestamp()) // 60)
    context["seo"] = PageMeta(
        title=title,
        description=f"Your comment on {settings.SITE_NAME}.",
        path=request.path,
        noindex=True,
    )
    context.update(comment=comment, edit_minutes=settings.COMMENTS_EDIT_MINUTES)
    return render(request, f"comments/{name}.html", context, status=status)
