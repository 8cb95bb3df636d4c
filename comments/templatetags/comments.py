from django import template
from django.conf import settings

from comments import cookies
from comments.forms import CommentForm
from comments.models import Comment, Status, with_removed_ancestors
from comments.moderation import sign_timestamp

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The comments under an article: first page of threads, then the form."""
    request = context["request"]
    approved = Comment.objects.approved().filter(article=article)
    per_page = settings.COMMENTS_PER_PAGE
    first_page = list(approved.for_display().in_thread_order()[: per_page + 1])
    has_more = len(first_page) > per_page
    shown = first_page[:per_page] + _own_unapproved(request, article)
    return {
        "article": article,
        "comments": with_removed_ancestors(shown),
        "comment_count": article.comment_count,
        "has_more": has_more,
        "is_open": article.takes_comments,
        "comment_form": context.get("comment_form"),
        "request": request,
        "site_name": settings.SITE_NAME,
    }


@register.inclusion_tag("comments/form.html", takes_context=True)
def comment_form(context, article):
    """The form for a new comment or a reply (?replyto=), or the one sent back."""
    request = context["request"]
    reply_to = _reply_target(request, article)
    form = context.get("comment_form") or _blank_form(request, article, reply_to)
    return {"article": article, "reply_to": reply_to, "form": form}


def _own_unapproved(request, article):
    """The reader's own comments still awaiting moderation, if any."""
    own = cookies.own_comment_ids(request)
    if not own:
        return []
    mine = Comment.objects.filter(article=article, pk__in=own).exclude(
        status=Status.APPROVED
    )
    return list(mine.for_display())


def _reply_target(request, article):
    reply_to = request.GET.get("replyto", "")
    if not reply_to.isdigit():
        return None
    comment = Comment.objects.approved().filter(article=article, pk=reply_to).first()
    # At the depth limit a reply would be stored as a sibling: offer no reply.
    return comment if comment and comment.takes_replies else None


def _blank_form(request, article, reply_to):
    initial = {
        **cookies.remembered_author(request),
        "timestamp": sign_timestamp(),
        "parent": reply_to.pk if reply_to else None,
    }
    return CommentForm(initial=initial, article=article)


@register.simple_tag
def pending_comment_count():
    """How many comments wait for a moderator, for the admin index."""
    return Comment.objects.in_moderation().count()
