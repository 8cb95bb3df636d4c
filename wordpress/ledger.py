"""What one import run wrote, so that it can be undone.

Each row the run creates or changes is noted with its fingerprint as the run
left it: an editor's change since shows as a different fingerprint, and undo
leaves that row alone. A changed row also keeps what it was before.
"""

import json

from django.contrib.redirects.models import Redirect
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import DateTimeField

from articles.models import Article, Author, Topic
from comments.models import Comment
from library.models import Image
from pages.models import Page
from wordpress.models import EntryKind, RunEntry, digest
from wordpress.threads import comment_hash

MODELS = {
    EntryKind.ARTICLE: Article,
    EntryKind.PAGE: Page,
    EntryKind.COMMENT: Comment,
    EntryKind.TOPIC: Topic,
    EntryKind.AUTHOR: Author,
    EntryKind.IMAGE: Image,
}
FINGERPRINTS = {
    EntryKind.ARTICLE: lambda article: f"version {article.version}",
    EntryKind.PAGE: lambda page: page.updated_at.isoformat(),
    EntryKind.COMMENT: comment_hash,
    EntryKind.TOPIC: lambda topic: digest(topic.name, topic.slug, topic.description),
    EntryKind.AUTHOR: lambda author: digest(
        author.name, author.slug, author.bio, author.url
    ),
    EntryKind.IMAGE: lambda image: digest(
        image.alt_text, image.caption, image.credit, image.decorative
    ),
}
# What an update writes, and so what undoing it puts back.
SNAPSHOTS = {
    EntryKind.ARTICLE: ("title", "summary", "body", "status", "published_at",
                        "author_id", "comments_open", "pinned", "feed_guid"),
    EntryKind.PAGE: ("title", "summary", "body", "status", "published_at",
                     "comments_open", "slug", "parent_id", "kind", "show_in",
                     "order"),
    EntryKind.COMMENT: ("name", "email", "website", "body", "body_is_html",
                        "status", "moderation_reason", "is_staff_reply"),
}  # fmt: skip


def snapshot(kind, row):
    """The fields an update may change, as JSON."""
    values = {name: getattr(row, name) for name in SNAPSHOTS.get(kind, ())}
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def restore(kind, row, values):
    """Put a snapshot back on the row (not saved)."""
    for name, value in values.items():
        field = row._meta.get_field(name.removesuffix("_id"))
        if isinstance(field, DateTimeField) and value is not None:
            value = field.to_python(value)
        setattr(row, name, value)


class Ledger:
    """Notes a run's writes; without a run (a dry run) it notes nothing."""

    def __init__(self, run):
        self.run, self.pending = run, []

    def note(self, kind, *, created, row=None, key="", before=None, fingerprint=""):
        if self.run is None:
            return
        if row is not None:
            fingerprint = FINGERPRINTS[kind](row)
        self.pending.append(
            RunEntry(
                run=self.run, kind=kind, created=created, key=key[:300],
                object_id=row.pk if row is not None else None,
                fingerprint=fingerprint[:300], before=before,
            )
        )  # fmt: skip
        if len(self.pending) >= 200:
            self.flush()

    def redirect(self, old_path, new_path, *, previous):
        """old → new stored; ``previous`` is what old led to before, or None."""
        self.note(
            EntryKind.REDIRECT, created=previous is None, key=old_path,
            fingerprint=new_path,
            before=None if previous is None else {"new_path": previous},
        )  # fmt: skip

    def flush(self):
        """Write what is noted: at the end of each item, inside its transaction."""
        if self.pending:
            RunEntry.objects.bulk_create(self.pending)
            self.pending = []


def previous_redirect(old_path, *, site_id):
    """What an old path redirects to now: a path, "" (gone), or None."""
    found = Redirect.objects.filter(site_id=site_id, old_path=old_path).first()
    return None if found is None else found.new_path
