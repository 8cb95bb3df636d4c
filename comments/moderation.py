"""The rules that decide what happens to a new comment, and when comments close.

Each rule is a setting (see config/settings.py, "COMMENTS"). The decision
records its reason, which editors see in the moderation queue. Only what a
real commenter cannot do by accident is filed as spam silently (a filled-in
hidden field, a forged form stamp, the owner's disallowed list); a form sent
too fast or a second click are answered openly (comments/forms.py, views.py).
"""

import math
import re
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone

from comments.conf import settings
from comments.counts import recount, targets_of
from comments.models import Comment, Status
from comments.tasks import mail_replies

TIMESTAMP_SALT = "comments.form-timestamp"
PAGE_STAMP_SALT = "comments.page-timestamp"
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


@dataclass(frozen=True)
class Decision:
    status: str
    reason: str


def sign_timestamp(*, served=None):
    """When a reader started on the form (comments.js asks for it), or when a
    form was sent back to them."""
    served = served or timezone.now()
    return signing.dumps(served.timestamp(), salt=TIMESTAMP_SALT)


def sign_page_stamp():
    """When a page's form was rendered. The page may be served from a cache
    for hours, so its stamp never expires; readers with scripts swap it for
    their own as they start on the form."""
    return signing.dumps(timezone.now().timestamp(), salt=PAGE_STAMP_SALT)


def seconds_since(signed_timestamp):
    """Seconds since the form was served, or None when the stamp is forged."""
    try:
        served = signing.loads(
            signed_timestamp,
            salt=TIMESTAMP_SALT,
            max_age=settings.COMMENTS_FORM_MAX_AGE,
        )
    except signing.SignatureExpired:
        return float("inf")
    except signing.BadSignature:
        try:
            served = signing.loads(signed_timestamp, salt=PAGE_STAMP_SALT)
        except signing.BadSignature:
            return None
    return timezone.now().timestamp() - served


def moderate(comment, *, honeypot, elapsed, proven):
    """Decide a new comment's status; first matching rule wins, spam first.

    ``proven``: its author has shown the address is theirs (from this
    browser's cookie, or a mailed link); only then is the address trusted.
    """
    for rule in (_spam_rule, _hold_rule, _approve_rule):
        decision = rule(comment, honeypot=honeypot, elapsed=elapsed, proven=proven)
        if decision:
            return decision
    return _waits(comment)


def _waits(comment):
    if Comment.objects.approved().of(comment.email).exists():
        return Decision(Status.PENDING, "pending: known address, not confirmed")
    return Decision(Status.PENDING, "pending: first comment from this address")


def _spam_rule(comment, *, honeypot, elapsed, **_):
    if honeypot:
        return Decision(Status.SPAM, "spam: hidden field filled in")
    if elapsed is None:
        return Decision(Status.SPAM, "spam: form timestamp forged")
    if entry := _listed_entry(comment, settings.COMMENTS_DISALLOWED_WORDS):
        return Decision(Status.SPAM, f"spam: disallowed list ({entry})")
    return None


def _hold_rule(comment, **_):
    links = len(LINK.findall(f"{comment.body} {comment.website}"))
    if links >= settings.COMMENTS_HOLD_LINKS:
        return Decision(Status.PENDING, f"held: {links} links")
    if entry := _listed_entry(comment, settings.COMMENTS_MODERATION_WORDS):
        return Decision(Status.PENDING, f"held: moderation list ({entry})")
    return None


def _approve_rule(comment, *, proven, **_):
    """Knowing an address proves nothing: it is trusted only from its owner."""
    if proven and Comment.objects.approved().of(comment.email).exists():
        return Decision(
            Status.APPROVED, "approved: confirmed address with an approved comment"
        )
    return None


def _listed_entry(comment, words):
    """Which listed word or address matched, and where: e.g. ``entry 2, email``.

    The reason names the list entry and the field, never the matched text:
    an entry may be a fragment of an email or an IP address, and reasons are
    shown to every editor and kept after retention.
    """
    fields = {
        "name": comment.name,
        "email": comment.email,
        "website": comment.website,
        "text": comment.body,
    }
    for number, word in enumerate(words, 1):
        if word == (comment.ip_address or ""):
            return f"entry {number}, address"
        for field, value in fields.items():
            if word.casefold() in value.casefold():
                return f"entry {number}, {field}"
    return None


def moderate_confirmed(comment):
    """Decide a comment whose author has just confirmed the address.

    The spam rules judged it when it was sent; now the address is proven,
    an earlier approved comment from it is trusted as for any comment.
    """
    for rule in (_hold_rule, _approve_rule):
        decision = rule(comment, proven=True)
        if decision:
            return decision
    return _waits(comment)


def moderate_edit(comment, *, proven):
    """Decide an edited comment: the rules again, on its new words.

    The form's own checks (hidden field, stamp) were passed when it was sent;
    spam stays spam, as it looks pending to its sender.
    """
    if comment.status == Status.SPAM:
        return Decision(Status.SPAM, comment.moderation_reason)
    decision = moderate(comment, honeypot="", elapsed=math.inf, proven=proven)
    return Decision(decision.status, f"{decision.reason} (edited)")


def set_status(comments, status, *, by):
    """A moderator's decision on these comments, in one statement; returns
    how many. Counts are kept, and each reply it approves is mailed once.

    The comments are fixed first: the queryset may select by status (the
    queue is ``status=pending``), which the update itself changes.
    """
    chosen = Comment.objects.filter(pk__in=list(comments.values_list("pk", flat=True)))
    targets = targets_of(chosen)
    count = chosen.update(status=status, reviewed_by=by, reviewed_at=timezone.now())
    # Approving takes nothing from a page: its previous copy may stand in.
    recount(targets, at_once=status != Status.APPROVED)
    if status == Status.APPROVED:
        mail_replies(chosen)
    return count


def moderate_remote(comment, *, known):
    """Decide a comment that came from elsewhere (a fediverse reply, a
    webmention): the same spam and hold rules as the form's; approved at once
    only when its author is ``known`` (has an approved comment), else held."""
    for rule in (_spam_rule, _hold_rule):
        decision = rule(comment, honeypot="", elapsed=math.inf)
        if decision:
            return decision
    if known:
        return Decision(Status.APPROVED, "approved: its author has an approved comment")
    return Decision(Status.PENDING, "pending: first comment from this author")
