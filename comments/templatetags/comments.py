import hashlib

from django import template
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from comments import cookies
from comments.conf import settings
from comments.forms import CommentForm
from comments.models import Comment, Status, with_removed_ancestors
from comments.moderation import sign_timestamp

register = template.Library()
# An upper bound: the key changes whenever the thread does.
THREAD_SECONDS = 24 * 60 * 60
# Where the stored empty form has its timestamp (see _plain_form).
STAMP_SLOT = "\ue000timestamp\ue001"


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, target):
    """The comments under an article or page: first page of threads, then
    the form."""
    request = context["request"]
    is_open = target.takes_comments
    own = _own_unapproved(request, target)
    editable = cookies.editable_here(request, target)
    return {
        "target": target,
        "thread": _thread(target, is_open=is_open, own=own, editable=editable),
        "comment_count": target.comment_count,
        "is_open": is_open,
        "comment_form": context.get("comment_form"),
        "request": request,
    }


def _thread(target, *, is_open, own, editable):
    """The first page of threads as HTML, the same for every reader but those
    with comments of their own awaiting moderation, or still theirs to edit.

    Rendering fifty comments is most of an article page's cost, so the HTML
    is kept in the worker's memory under what it shows: the comments as
    recount() last stamped them, the article's address, and whether replies
    are open. A change to any of them is a new key, on every server at once.
    """
    key = _thread_key(target, is_open)
    shared = not (own or editable)
    if shared and (html := caches["fragments"].get(key)) is not None:
        return mark_safe(html)  # noqa: S308 - rendered by the template below
    per_page = settings.COMMENTS_PER_PAGE
    approved = Comment.objects.approved().on(target)
    first_page = list(approved.for_display().in_thread_order()[: per_page + 1])
    html = render_to_string(
        "comments/thread.html",
        {
            "target": target,
            "listing": target.comments_url(),
            "comments": with_removed_ancestors(first_page[:per_page] + own),
            "has_more": len(first_page) > per_page,
            "is_open": is_open,
            "editable": editable,
            "site_name": settings.SITE_NAME,
        },
    )
    if shared:
        caches["fragments"].set(key, html, THREAD_SECONDS)
    return mark_safe(html)  # noqa: S308 - autoescaped by its template


def _thread_key(target, is_open):
    changed = target.comments_changed_at
    shown = (
        type(target).__name__, target.pk, target.slug, target.comment_count,
        changed.isoformat() if changed else "", is_open,
        settings.COMMENTS_PER_PAGE,
    )  # fmt: skip
    return f"comments:thread:{hashlib.sha256(repr(shown).encode()).hexdigest()}"


@register.simple_tag(takes_context=True)
def comment_form(context, target):
    """The form for a new comment or a reply (?replyto=), or the one sent back."""
    request = context["request"]
    reply_to = _reply_target(request, target)
    form = context.get("comment_form")
    if form is None and reply_to is None and not cookies.remembered_author(request):
        return _plain_form(target)
    form = form or _blank_form(request, target, reply_to)
    return _render_form(target, form, reply_to=reply_to)


def _render_form(target, form, *, reply_to=None):
    context = {
        "target": target,
        "action": target.comments_url(),
        "reply_to": reply_to,
        "form": form,
    }
    return render_to_string("comments/form.html", context)


def _plain_form(target):
    """The empty form most readers get: the same for all but its timestamp,
    so it is rendered once per worker, with the timestamp put in each time."""
    key = f"comments:form:{target.comments_url()}:{settings.COMMENTS_MAX_LENGTH}"
    html = caches["fragments"].get(key)
    if html is None:
        form = CommentForm(initial={"timestamp": STAMP_SLOT}, target=target)
        html = _render_form(target, form)
        caches["fragments"].set(key, html, THREAD_SECONDS)
    return mark_safe(html.replace(STAMP_SLOT, escape(sign_timestamp())))  # noqa: S308


def _own_unapproved(request, target):
    """The reader's own comments still awaiting moderation, if any."""
    own = cookies.own_comment_ids(request)
    if not own:
        return []
    mine = Comment.objects.on(target).filter(pk__in=own).exclude(status=Status.APPROVED)
    return list(mine.for_display())


def _reply_target(request, target):
    reply_to = request.GET.get("replyto", "")
    # str.isdigit() also accepts "²", which is no number to look up.
    if not (reply_to.isascii() and reply_to.isdigit()):
        return None
    comment = Comment.objects.approved().on(target).filter(pk=reply_to).first()
    # At the depth limit a reply would be stored as a sibling: offer no reply.
    return comment if comment and comment.takes_replies else None


def _blank_form(request, target, reply_to):
    initial = {
        **cookies.remembered_author(request),
        "timestamp": sign_timestamp(),
        "parent": reply_to.pk if reply_to else None,
    }
    return CommentForm(initial=initial, target=target)


@register.simple_tag
def pending_comment_count():
    """How many comments wait for a moderator, for the admin index."""
    return Comment.objects.in_moderation().count()
