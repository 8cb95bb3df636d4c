"""The pages commenters reach from their mail: confirming an address,
stopping reply mails, and seeing, downloading or deleting their comments.

None is ever cached or indexed, and none shows an address.
"""

import json

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from comments import confirmation, cookies, mail
from comments.commenters import (
    MANAGE_SESSION_LIFETIME,
    Action,
    CommenterAction,
    CommenterToken,
    Purpose,
    ReplySubscription,
)
from comments.forms import ManageRequestForm
from comments.models import Comment, Status
from comments.privacy import erase_data, export_data, remove
from comments.tasks import send_manage_link
from seo.meta import PageMeta
from web.client import client_ip
from web.origin import cross_origin_protected


@require_http_methods(["GET", "POST"])
@never_cache
@cross_origin_protected
def confirm(request, token):
    """GET: a page with a button (mail scanners follow links). POST: confirm."""
    if request.method == "GET":
        comment = confirmation.waiting(token)
        if comment is None:
            return _link_gone(request)
        return _page(request, "confirm", "Confirm your comment", comment=comment)
    comment = confirmation.confirm(token)
    if comment is None:
        return _link_gone(request)
    response = _page(request, "confirmed", "Comment confirmed", comment=comment)
    cookies.remember_confirmed(response, comment.email)
    if comment.status != Status.APPROVED:
        cookies.add_own_comment(request, response, comment)
    return response


@require_http_methods(["GET", "POST"])
@never_cache
@csrf_exempt  # one-click unsubscribe (RFC 8058) posts from the mail provider
def stop_replies(request, pk, token):
    """GET: a page with a button. POST: no more mails about replies to this
    comment. Unknown links get the same pages."""
    if request.method == "POST":
        subscription = ReplySubscription.objects.filter(pk=pk).first()
        if subscription is not None and subscription.owns(token):
            subscription.delete()
        return _page(request, "replies_stopped", "No more reply mails", thread=True)
    return _page(request, "stop_replies", "Stop reply mails", thread=True)


@require_http_methods(["GET", "POST"])
@never_cache
@csrf_exempt  # one-click unsubscribe (RFC 8058) posts from the mail provider
def stop_all_replies(request, key):
    """GET: a page with a button. POST: no more reply mails to the address."""
    if request.method == "POST":
        ReplySubscription.objects.filter(address_key=key).delete()
        return _page(request, "replies_stopped", "No more reply mails", thread=False)
    return _page(request, "stop_replies", "Stop reply mails", thread=False)


@require_http_methods(["GET", "POST"])
@never_cache
@cross_origin_protected
def manage(request):
    """Ask for a link to one's comments; the answer is the same whether or
    not the address has any, and the mail leaves from the task worker."""
    form = ManageRequestForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return _page(request, "manage", "Your comments", form=form)
    email = form.cleaned_data["email"]
    if not mail.mail_allowed(email=email, ip=client_ip(request)):
        return _page(request, "manage_rate_limited", "Too many requests", status=429)
    transaction.on_commit(lambda: send_manage_link.enqueue(email))
    return _page(request, "manage_sent", "Check your inbox")


@require_http_methods(["GET", "POST"])
@never_cache
@cross_origin_protected
def manage_link(request, token):
    """GET: a page with a button. POST: use up the mailed link, and let this
    browser see the address's comments for a while."""
    if request.method == "GET":
        if CommenterToken.holder(Purpose.MANAGE, token) is None:
            return _link_gone(request)
        return _page(request, "manage_link", "Your comments")
    row = CommenterToken.redeem(Purpose.MANAGE, token)
    if row is None:
        return _link_gone(request)
    key = CommenterToken.issue(
        purpose=Purpose.BROWSER, email=row.email, lifetime=MANAGE_SESSION_LIFETIME
    )
    CommenterAction.record(Action.OPENED, email=row.email)
    response = redirect("comments:mine")
    response.set_cookie(
        cookies.MANAGER_COOKIE,
        key,
        max_age=int(MANAGE_SESSION_LIFETIME.total_seconds()),
        path=cookies.MANAGE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return response


@require_http_methods(["GET", "POST"])
@never_cache
@cross_origin_protected
def mine(request):
    """The comments of the address this browser opened: list, download, delete."""
    holder = CommenterToken.holder(
        Purpose.BROWSER, request.COOKIES.get(cookies.MANAGER_COOKIE)
    )
    if holder is None:
        return _page(request, "manage_expired", "Your comments", status=403)
    email, action = holder.email, request.POST.get("action")
    if action == "export":
        CommenterAction.record(Action.EXPORTED, email=email)
        return _download(export_data(email))
    if action == "delete":
        return _delete_one(request, email)
    if action == "erase":
        return _erase(request, email)
    comments = (
        Comment.objects.of(email)
        .select_related("entry", "reply_subscription")
        .order_by("-pk")
    )
    return _page(
        request,
        "mine",
        "Your comments",
        comments=comments,
        deleted="deleted" in request.GET,
        minutes=int((holder.expires_at - timezone.now()).total_seconds() // 60) + 1,
    )


def _delete_one(request, email):
    pk = request.POST.get("comment", "")
    comment = (
        Comment.objects.of(email).filter(pk=pk).first()
        if pk.isascii() and pk.isdigit()
        else None
    )
    if comment is None:
        return _page(request, "manage_gone", "Comment not found", status=404)
    with transaction.atomic():
        remove(Comment.objects.filter(pk=comment.pk))
        CommenterAction.record(
            Action.DELETED, email=email, detail=f"comment #{comment.pk}"
        )
    return redirect(f"{reverse('comments:mine')}?deleted")


def _erase(request, email):
    if request.POST.get("sure") != "yes":
        return redirect(f"{reverse('comments:mine')}#erase")
    deleted, anonymised, _ = erase_data(email)
    CommenterAction.record(
        Action.ERASED,
        email=email,
        detail=f"{deleted} comment(s) deleted, {anonymised} anonymised",
    )
    response = _page(request, "erased", "Your data is erased")
    response.delete_cookie(
        cookies.MANAGER_COOKIE, path=cookies.MANAGE_PATH, samesite="Strict"
    )
    return response


def _download(data):
    response = HttpResponse(json.dumps(data, indent=2), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-comments.json"'
    return response


def _link_gone(request):
    return _page(request, "link_gone", "Link expired", status=410)


def _page(request, name, title, *, status=200, **context):
    context["seo"] = PageMeta(
        title=title,
        description=f"Your comments on {settings.SITE_NAME}.",
        path=request.path,
        noindex=True,
    )
    return render(request, f"comments/{name}.html", context, status=status)
