"""A commenter proves an address is theirs from a mailed link.

The comment waits on the server (not in the link); the link opens a page
whose button confirms it, so a mail scanner that fetches links confirms
nothing. Confirmation is needed for every comment while
COMMENTS_CONFIRM_EMAIL is on, and for reply notifications always, unless
this browser confirmed the address before (comments/cookies.py).
"""

from django.db import transaction
from django.utils import timezone

from comments.commenters import CommenterToken, Purpose, ReplySubscription
from comments.conf import settings
from comments.models import Comment, Status
from comments.moderation import Decision, moderate_confirmed, moderate_edit
from comments.tasks import notify_moderators, send_confirmation

AWAITING = Decision(
    Status.UNCONFIRMED, "unconfirmed: waiting for the author to confirm the address"
)


def judge(comment, decision, *, confirmed_here):
    """Set a comment's status from the rules' decision.

    While addresses must be confirmed, a comment the rules did not file as
    spam waits for it, unless its address is confirmed already: by this
    browser before, or (for an edited comment) from the mailed link.
    """
    if decision.status != Status.SPAM:
        if confirmed_here:
            comment.email_confirmed_at = comment.email_confirmed_at or timezone.now()
        elif settings.COMMENTS_CONFIRM_EMAIL and comment.email_confirmed_at is None:
            decision = AWAITING
    comment.status, comment.moderation_reason = decision.status, decision.reason


def save_edit(comment, *, confirmed_here):
    """Store its author's edit, judged again; moderators hear of a comment
    that now waits for them."""
    was = comment.status
    proven = confirmed_here or comment.email_confirmed_at is not None
    judge(comment, moderate_edit(comment, proven=proven), confirmed_here=confirmed_here)
    comment.edited_at = timezone.now()
    comment.save()
    if comment.status == Status.PENDING and was != Status.PENDING:
        transaction.on_commit(lambda: notify_moderators.enqueue(comment.pk))


def needs_mail(*, notify, confirmed_here):
    """Whether the comment being sent will need a confirmation mail."""
    return (settings.COMMENTS_CONFIRM_EMAIL or notify) and not confirmed_here


def after_store(comment, *, notify):
    """Subscribe to replies, and mail a link when the address needs confirming.

    Called inside the transaction that stored the comment; mail leaves from
    the task worker once it commits. Spam gets neither.
    """
    if comment.status == Status.SPAM:
        return
    if notify:
        ReplySubscription.objects.create(comment=comment, email=comment.email)
    if comment.email_confirmed_at is None and (
        notify or comment.status == Status.UNCONFIRMED
    ):
        transaction.on_commit(lambda: send_confirmation.enqueue(comment.pk))


def waiting(token):
    """The comment a confirmation link stands for, while the link works."""
    row = CommenterToken.holder(token, purpose=Purpose.CONFIRM)
    return row.comment if row else None


@transaction.atomic
def confirm(token):
    """Use up a confirmation link; the comment confirmed, or None.

    A comment that waited for it now meets the moderation rules, and so does
    one in the queue that no moderator has looked at: the address is proven
    now, so an approved comment from it counts.
    """
    row = CommenterToken.redeem(token, purpose=Purpose.CONFIRM)
    if row is None:
        return None
    comment = Comment.objects.select_for_update().filter(pk=row.comment_id).first()
    if comment is None or comment.email.lower() != row.email.lower():
        return None  # deleted, or its address changed by a moderator since
    comment.email_confirmed_at = comment.email_confirmed_at or timezone.now()
    waited = comment.status == Status.UNCONFIRMED
    if waited or (comment.status == Status.PENDING and comment.reviewed_at is None):
        decision = moderate_confirmed(comment)
        comment.status, comment.moderation_reason = decision.status, decision.reason
        if waited and comment.status == Status.PENDING:
            transaction.on_commit(lambda: notify_moderators.enqueue(comment.pk))
    comment.save()
    return comment
