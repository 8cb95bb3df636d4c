"""The pages commenters reach from their mail: confirming an address,
stopping reply mails, and seeing, downloading or deleting their comments.

The mailed links go through the site's one flow (mailedlinks.flow). None of
these pages is ever cached or indexed, and none shows an address.
"""

import json

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from comments import confirmation, cookies, mail
from comments.commenters import (
    MANAGE_SESSION_LIFETIME,
    STOP_ALL_LIFETIME,
    STOP_ALL_PURPOSE,
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
from mailedlinks import flow
from mailedlinks.tokens import signed_value
from web.client import client_ip
from web.origin import cross_origin_protected


class CommenterPages:
    gone_template = "comments/link_gone.html"
    canonical = "comments:manage"

    @property
    def description(self):
        return f"Your comments on {settings.SITE_NAME}."


class Confirm(CommenterPages, flow.ButtonLink):
    """A comment's address confirmed from the mailed link's button."""

    button_template = "comments/confirm.html"

    def holder(self, token):
        return confirmation.waiting(token)

    def title_for(self, comment):
        if comment.status == Status.UNCONFIRMED:
            return "Confirm your comment"
        return "Confirm your address"

    def button_context(self, comment):
        return {"comment": comment}

    def use(self, token):
        comment = confirmation.confirm(token)
        if comment is None:
            return None
        response = self.page(
            "comments/confirmed.html", "Address confirmed", comment=comment
        )
        cookies.remember_confirmed(response, comment.email)
        if comment.status != Status.APPROVED:
            cookies.add_own_comment(self.request, response, comment)
        return response


class OpenComments(CommenterPages, flow.ButtonLink):
    """The mailed link to an address's comments: this browser may see them
    for a while."""

    button_template = "comments/manage_link.html"
    title = "Your comments"

    def holder(self, token):
        return CommenterToken.holder(token, purpose=Purpose.MANAGE)

    def use(self, token):
        row = CommenterToken.redeem(token, purpose=Purpose.MANAGE)
        if row is None:
            return None
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


class StopReplies(CommenterPages, flow.StopLink):
    """No more mails about replies to one comment. Unknown links get the
    same pages."""

    button_template = "comments/stop_replies.html"
    title = "Stop reply mails"
    done_template = "comments/replies_stopped.html"
    done_title = "No more reply mails"
    extra_context = {"thread": True}

    def stop(self, *, pk, token):
        subscription = ReplySubscription.objects.filter(pk=pk).first()
        if subscription is not None and subscription.owns(token):
            subscription.delete()


class StopAllReplies(StopReplies):
    """No more reply mails to the address the signed link stands for."""

    extra_context = {"thread": False}

    def works(self, *, token):
        return self.address_key(token) is not None

    def stop(self, *, token):
        ReplySubscription.objects.filter(address_key=self.address_key(token)).delete()

    def address_key(self, token):
        return signed_value(STOP_ALL_PURPOSE, token, max_age=STOP_ALL_LIFETIME)


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
def mine(request):
    """The comments of the address this browser opened: list, download, delete."""
    holder = CommenterToken.holder(
        request.COOKIES.get(cookies.MANAGER_COOKIE), purpose=Purpose.BROWSER
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
    if request.POST.get("sure") != "yes":
        return _page(request, "manage_delete", "Delete this comment?", comment=comment)
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


def _page(request, name, title, *, status=200, **context):
    return flow.page(
        request,
        f"comments/{name}.html",
        title,
        description=f"Your comments on {settings.SITE_NAME}.",
        path=request.path,
        status=status,
        **context,
    )
