"""Mail about comments, sent by the task worker, never during a request."""

from datetime import timedelta
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Now
from django_tasks import task

from comments import mail
from comments.commenters import (
    MANAGE_LINK_LIFETIME,
    CommenterToken,
    Purpose,
    ReplySubscription,
)
from comments.conf import settings
from comments.models import Comment, Status
from ratelimits.keys import mailbox
from ratelimits.models import consume

PERMISSION = Q(groups__permissions__codename="moderate_comment") | Q(
    user_permissions__codename="moderate_comment"
)


def moderator_emails():
    users = get_user_model().objects.filter(
        Q(is_superuser=True) | PERMISSION, is_active=True
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


@task()
def notify_moderators(comment_id):
    """Tell moderators a comment waits for them; runs in the task worker."""
    comment = Comment.objects.select_related("entry").get(pk=comment_id)
    if recipients := moderator_emails():
        mail.moderators(comment, recipients).send()


@task()
def send_confirmation(comment_id):
    """Mail the author a link that confirms the comment's address."""
    comment = Comment.objects.select_related("entry").filter(pk=comment_id).first()
    if comment is None or comment.email_confirmed_at:  # erased, or confirmed
        return
    token = CommenterToken.issue(
        purpose=Purpose.CONFIRM,
        email=comment.email,
        comment=comment,
        lifetime=timedelta(hours=settings.COMMENTS_CONFIRM_HOURS),
    )
    notify = ReplySubscription.objects.filter(comment=comment).exists()
    mail.confirmation(comment, token, notify=notify).send()


@task()
def send_manage_link(email):
    """Mail a link to the comments of an address, if it has any.

    Unknown addresses get nothing, and the form's answer is the same.
    """
    if not Comment.objects.of(email).exists():
        return
    token = CommenterToken.issue(
        purpose=Purpose.MANAGE, email=email, lifetime=MANAGE_LINK_LIFETIME
    )
    mail.manage_link(email, token).send()


def mail_replies(comments):
    """Once committed, queue a mail about each approved reply in ``comments``
    whose parent's author asked for one and has not been told yet."""
    replies = comments.filter(
        status=Status.APPROVED,
        reply_mailed_at=None,
        parent__reply_subscription__isnull=False,
    )
    for pk in replies.values_list("pk", flat=True):
        transaction.on_commit(partial(notify_reply.enqueue, pk))


@task()
def notify_reply(reply_id):
    """Mail the author of the comment replied to, once per reply."""
    # Claimed first: a second worker, or a second approval, finds it taken.
    if not (
        Comment.objects.approved()
        .filter(pk=reply_id, reply_mailed_at=None)
        .update(reply_mailed_at=Now())
    ):
        return
    reply = Comment.objects.get(pk=reply_id)
    subscription = (
        ReplySubscription.objects.active()
        .filter(comment_id=reply.parent_id)
        .select_related("comment__entry")
        .first()
    )
    if subscription is None or subscription.email.lower() == reply.email.lower():
        return
    if not consume(
        "comment-reply-mails",
        mailbox(subscription.email),
        limit=mail.REPLY_MAILS_PER_ADDRESS,
        window=mail.ADDRESS_WINDOW,
    ):
        return
    try:
        mail.reply(subscription, reply).send()
    except Exception:
        # Not sent: give the claim back, so the task can be run again.
        Comment.objects.filter(pk=reply_id).update(reply_mailed_at=None)
        raise
