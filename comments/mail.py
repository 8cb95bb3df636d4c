"""The mails commenters get: plain text, direct links, nothing that tracks.

No mail loads anything or links through a redirect, and none shows one
commenter's address to another: a reply is told by the name its author gave.
"""

from django.core.mail import EmailMessage
from django.urls import reverse

from comments.commenters import MANAGE_LINK_LIFETIME
from comments.conf import settings
from comments.models import Status
from ratelimits.models import consume
from web.mailed_links import absolute, one_click_unsubscribe

# Mails the site sends on a reader's request (confirmation and manage links),
# per address a day and per IP address an hour, so no form floods an inbox.
MAILS_PER_ADDRESS, ADDRESS_WINDOW = 5, 24 * 60 * 60
MAILS_PER_IP, IP_WINDOW = 20, 60 * 60
# Reply notifications to one address a day; more replies that day go unmailed.
REPLY_MAILS_PER_ADDRESS = 20


def mail_allowed(*, email, ip):
    """Count a mail asked for from ``ip`` to ``email``; True while within limits."""
    return consume(
        "comment-mail-ip", ip, limit=MAILS_PER_IP, window=IP_WINDOW
    ) and consume(
        "comment-mail-address", email, limit=MAILS_PER_ADDRESS, window=ADDRESS_WINDOW
    )


def confirmation(comment, token, *, notify):
    url = absolute(reverse("comments:confirm", kwargs={"token": token}))
    if comment.status == Status.UNCONFIRMED:
        why = (
            "This site publishes comments only from addresses their authors "
            "confirm. To send your comment to the moderators"
        )
    else:
        why = "To get an email when someone replies to it"
    also = " You will also get an email when someone replies." if notify else ""
    return EmailMessage(
        subject=f"Confirm your comment on {settings.SITE_NAME}",
        body=(
            f"Someone, probably you, commented on “{comment.entry.title}” "
            f"as {comment.name}.\n\n{why}, open this page and press its "
            f"button:{also}\n{url}\n\n"
            f"The link works once, for {settings.COMMENTS_CONFIRM_HOURS} hours. "
            "If you did not comment, ignore this mail: an unconfirmed comment "
            "is deleted when the link expires, and no more mail comes of it.\n"
        ),
        to=[comment.email],
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
            f"{reply.body}\n\n"
            f"Read it and reply: {absolute(reply.get_absolute_url())}\n\n"
            f"Your comment:\n{comment.body}\n\n"
            "-- \n"
            f"No more mails about replies to this comment: {stop}\n"
            f"No more reply mails at all: {stop_all}\n"
        ),
        to=[subscription.email],
        headers=one_click_unsubscribe(stop_all),
    )
