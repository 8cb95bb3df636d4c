"""The mails about comments: plain text, direct links, nothing that tracks.

No mail loads anything or links through a redirect, and none shows one
commenter's address to another: a reply is told by the name its author gave.
The task worker sends them (comments/tasks.py).
"""

from django.core.mail import EmailMessage
from django.urls import reverse

from comments.commenters import MANAGE_LINK_LIFETIME
from comments.conf import settings
from comments.models import Status
from mailedlinks.mail import absolute, one_click_unsubscribe
from ratelimits.keys import mailbox, network
from ratelimits.models import consume

# Mails the site sends on a reader's request (confirmation and manage links),
# per mailbox a day and per network an hour, so no form floods an inbox
# (ratelimits.keys: what counts as one mailbox, and as one network).
MAILS_PER_ADDRESS, ADDRESS_WINDOW = 5, 24 * 60 * 60
MAILS_PER_IP, IP_WINDOW = 20, 60 * 60
# Reply notifications to one address a day; more replies that day go unmailed.
REPLY_MAILS_PER_ADDRESS = 20


def mail_allowed(*, email, ip):
    """Count a mail asked for from ``ip`` to ``email``; True while within limits."""
    return consume(
        "comment-mail-ip", network(ip), limit=MAILS_PER_IP, window=IP_WINDOW
    ) and consume(
        "comment-mail-address",
        mailbox(email),
        limit=MAILS_PER_ADDRESS,
        window=ADDRESS_WINDOW,
    )


def confirmation(comment, token, *, notify):
    """The link that proves the address: for the comment itself while
    addresses must be confirmed, else only for the reply mails asked for."""
    url = absolute(reverse("comments:confirm", kwargs={"token": token}))
    site, hours = settings.SITE_NAME, settings.COMMENTS_CONFIRM_HOURS
    said = (
        f"Someone, probably you, commented on “{comment.entry.title}” on {site} "
        f"as {comment.name}"
    )
    works = f"The link works once, for {hours} hours."
    if comment.status != Status.UNCONFIRMED:
        return EmailMessage(
            subject=f"Confirm your address for reply mails from {site}",
            body=(
                f"{said}, and asked to get an email when someone replies.\n\n"
                "To confirm that this address is yours, and get those mails, "
                f"open this page and press its button:\n{url}\n\n"
                f"{works} If you did not ask, ignore this mail: no reply mails "
                "will be sent, and no more mail comes of it.\n"
            ),
            to=[comment.email],
        )
    also = (
        "Once it is confirmed, you will also get an email when someone replies "
        "to your comment; each has a link to stop them.\n\n"
        if notify
        else ""
    )
    return EmailMessage(
        subject=f"Confirm your comment on {site}",
        body=(
            f"{said}.\n\n"
            f"{site} shows comments only from addresses their authors have "
            "confirmed. To confirm that this address is yours, open this page "
            f"and press its button:\n{url}\n\n{also}"
            f"{works} If you did not comment, ignore this mail: the comment is "
            "deleted when the link expires, and no more mail comes of it.\n"
        ),
        to=[comment.email],
    )


def moderators(comment, recipients):
    """Tell moderators a comment waits for them, and why."""
    on = comment.entry.title
    admin_url = reverse("admin:comments_comment_change", args=[comment.pk])
    why = comment.moderation_reason.partition(": ")[2] or comment.moderation_reason
    did = "edited their comment" if comment.edited_at else "commented"
    return EmailMessage(
        subject=f"Comment awaiting moderation on “{on}”",
        body=(
            f"{comment.name} {did} on “{on}”.\n"
            f"Why it waits: {why}\n\n"
            f"{comment.plain_body}\n\n"
            f"Review it: {absolute(admin_url)}\n"
        ),
        to=recipients,
    )


def manage_link(email, token):
    url = absolute(reverse("comments:manage_link", kwargs={"token": token}))
    minutes = int(MANAGE_LINK_LIFETIME.total_seconds() // 60)
    return EmailMessage(
        subject=f"Your comments on {settings.SITE_NAME}",
        body=(
            "Someone, probably you, asked to see the comments stored under this "
            f"address on {settings.SITE_NAME}.\n\n"
            "Open this page and press its button to list them, download "
            f"everything stored about you, or delete it:\n{url}\n\n"
            f"The link works once, for {minutes} minutes. If you did not ask, "
            "ignore this mail.\n"
        ),
        to=[email],
    )


def reply(subscription, reply):
    """Tell a commenter of a reply: its author's name and words, never address."""
    comment = subscription.comment
    stop, stop_all = (
        absolute(subscription.stop_url()),
        absolute(subscription.stop_all_url()),
    )
    return EmailMessage(
        subject=f"{reply.name} replied to your comment on “{comment.entry.title}”",
        body=(
            f"{reply.name} replied to your comment on “{comment.entry.title}”:\n\n"
            f"{reply.plain_body}\n\n"
            f"Read it and reply: {absolute(reply.get_absolute_url())}\n\n"
            f"Your comment:\n{comment.plain_body}\n\n"
            "-- \n"
            f"No more mails about replies to this comment: {stop}\n"
            f"No more reply mails at all: {stop_all}\n"
        ),
        to=[subscription.email],
        headers=one_click_unsubscribe(stop_all),
    )
