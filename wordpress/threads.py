"""Comments of an imported post or page, with their threads, dates and privacy
kept. A comment with lists or emphasis keeps its HTML (through the comment
sanitiser); the post author's own comments are marked as the site's."""

import hashlib
import ipaddress
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from comments.conf import settings as comments_settings
from comments.models import Comment, Status
from wordpress.models import Kind
from wordpress.text import comment_body

SKIPPED = {"spam": "spam", "trash": "trash", "post-trashed": "trash"}
PENDING_REASON = "imported: awaiting moderation on the old site"


def comment_hash(comment):
    """What an editor may change of a comment: its status and words."""
    return hashlib.sha256(f"{comment.status}\x00{comment.body}".encode()).hexdigest()


def valid(value, validator):
    try:
        validator(value)
    except ValidationError:
        return ""
    return value


class Threads:
    """For the Importer: an item's comments."""

    def comments(self, item, target):
        """Each comment after its parent; a reply whose parent is left out
        (trash, spam, missing) becomes a thread of its own."""
        by_id = {comment.id: comment for comment in item.comments}
        made = {}

        def visit(record, trail):
            if record.id not in made:
                parent = None
                if record.parent in by_id and record.parent not in trail:
                    parent = visit(by_id[record.parent], trail | {record.id})
                made[record.id] = self.comment(record, item, target, parent)
            return made[record.id]

        for record in item.comments:
            visit(record, frozenset())

    def skip_reason(self, record):
        if not record.id:
            return "no comment id"
        if record.type in ("pingback", "trackback") and not self.with_pings:
            return f"{record.type} (--with-pings keeps them)"
        if record.approved not in ("0", "1"):
            return SKIPPED.get(record.approved, f"status {record.approved}")
        return None

    def by_post_author(self, record, item):
        """Whether the post's author wrote the comment (WordPress's
        "bypostauthor"): by user id, or by the author's email."""
        user_id, email = self.index.authors.get(item.creator, ("", ""))
        if user_id and record.user_id == user_id:
            return True
        return bool(email) and record.email.strip().lower() == email

    def comment(self, record, item, target, parent):
        if why := self.skip_reason(record):
            self.report.skipped[("comment", why)] += 1
            return None
        while (
            parent is not None and parent.depth >= comments_settings.COMMENTS_MAX_DEPTH
        ):
            parent = parent.parent

        def fill(comment):
            comment.target, comment.parent = target, parent
            return self.fill_comment(comment, record, item)

        comment, _ = self.upsert(
            Kind.COMMENT, record.id, model=Comment, source=_source(record),
            fill=fill, local=comment_hash,
        )  # fmt: skip
        if comment is not None:
            self.report.statuses[("comment", comment.status)] += 1
        return comment

    def fill_comment(self, comment, record, item):
        email = valid(record.email.strip()[:254], EmailValidator())
        ip = self.recent_ip(record)
        comment.name = record.author.strip()[:80] or "Anonymous"
        comment.email = email
        comment.website = valid(record.url.strip()[:200], URLValidator())
        comment.body, comment.body_is_html = comment_body(record.content)
        comment.body = comment.body or "…"
        comment.is_staff_reply = self.by_post_author(record, item)
        approved = record.approved == "1"
        comment.status = Status.APPROVED if approved else Status.PENDING
        comment.moderation_reason = "" if approved else PENDING_REASON
        comment.ip_address = ip or None
        comment.save()
        created_at = record.date or comment.target.published_at or self.now
        Comment.objects.filter(pk=comment.pk).update(created_at=created_at)
        comment.created_at = created_at
        self.report.emails += bool(email)
        self.report.ips += bool(ip)
        return comment

    def recent_ip(self, record):
        """The commenter's address, only when younger than the retention window."""
        try:
            address = str(ipaddress.ip_address(record.ip.strip()))
        except ValueError:
            return ""
        window = timedelta(days=comments_settings.COMMENTS_RETENTION_DAYS)
        if record.date is None or record.date < self.now - window:
            return ""
        return address


def _source(record):
    text = "\x00".join(
        (record.author, record.email, record.url, record.content, record.approved,
         record.parent, str(record.date))
    )  # fmt: skip
    return hashlib.sha256(text.encode()).hexdigest()
