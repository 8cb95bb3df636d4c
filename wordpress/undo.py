"""Undoing an import: what it created goes, what it changed comes back.

Anything changed here since the run (an editor's edit, a reader's comment
under an imported article, an image an article of the site now shows) is
kept, and listed. Undone content leaves no "410 Gone" behind: as far as
readers can tell, it was never imported. Redirects go back to what they
were before the run.
"""

from django.contrib.redirects.models import Redirect
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from comments.counts import recount
from comments.models import Comment
from pagecache.changes import one_change
from wordpress.conf import settings
from wordpress.ledger import FINGERPRINTS, MODELS, restore
from wordpress.models import EntryKind, ImportedItem, RunStatus

ORDER = (
    EntryKind.REDIRECT, EntryKind.COMMENT, EntryKind.ARTICLE, EntryKind.PAGE,
    EntryKind.TOPIC, EntryKind.AUTHOR, EntryKind.IMAGE, EntryKind.FILE,
)  # fmt: skip


def undo_run(run):
    """Undo one import run; returns what was done, as text for the owner."""
    if run.dry_run:
        raise ValueError("A dry run wrote nothing: there is nothing to undo.")
    if run.status == RunStatus.UNDONE:
        raise ValueError(f"Import {run.pk} is undone already.")
    if not run.is_finished:
        raise ValueError(f"Import {run.pk} has not finished: undo it once it has.")
    undo = Undo(run)
    with one_change(), transaction.atomic():
        for kind in ORDER:
            undo.kind(kind)
        recount(undo.recount_entries)
        run.status, run.finished_at = RunStatus.UNDONE, timezone.now()
        run.summary = {**run.summary, "undo": undo.lines()}
        run.save(update_fields=["status", "finished_at", "summary"])
    return "\n".join(undo.lines())


class Undo:
    def __init__(self, run):
        self.run, self.removed, self.restored, self.kept = run, 0, 0, []
        self.recount_entries = set()

    def kind(self, kind):
        entries = self.run.entries.filter(kind=kind)
        if kind == EntryKind.REDIRECT:
            for entry in entries.iterator():
                self.redirect(entry)
        elif kind == EntryKind.FILE:
            for entry in entries.iterator():
                default_storage.delete(entry.key)
                self.removed += 1
        else:
            for entry in self.in_order(kind, entries):
                self.row(kind, entry)

    def in_order(self, kind, entries):
        """Replies before what they answer, pages under others before those."""
        rows = MODELS[kind].objects.in_bulk([e.object_id for e in entries])
        depth = {
            EntryKind.COMMENT: lambda row: -row.depth,
            EntryKind.PAGE: lambda row: -row.path.count("/"),
        }.get(kind, lambda row: 0)
        found = [(entry, rows.get(entry.object_id)) for entry in entries]
        # What the run created goes before what it changed comes back (the
        # shipped About page takes its address back from the imported one).
        return sorted(
            found,
            key=lambda pair: (not pair[0].created, depth(pair[1]) if pair[1] else 0),
        )

    def row(self, kind, pair):
        entry, row = pair
        if row is None:
            return
        if FINGERPRINTS[kind](row) != entry.fingerprint:
            return self.keep(kind, row, "changed here since the import")
        if not entry.created:
            restore(kind, row, entry.before.get("fields", entry.before))
            row.save()
            self.restored += 1
            if ledger := entry.before.get("ledger"):
                self.imported(kind, row).update(
                    source_hash=ledger[0], local_hash=ledger[1]
                )
            return
        if why := self.still_used(kind, row):
            return self.keep(kind, row, why)
        self.delete(kind, row)

    def still_used(self, kind, row):
        if kind in (EntryKind.ARTICLE, EntryKind.PAGE) and (
            Comment.objects.on(row).exists()
        ):
            return "readers commented on it here since"
        if kind == EntryKind.COMMENT and row.replies.exists():
            return "it has replies written here since"
        if kind == EntryKind.PAGE and row.children.exists():
            return "a page of this site sits under it"
        return ""

    def delete(self, kind, row):
        gone = self.addresses(kind, row)
        if kind == EntryKind.COMMENT:
            self.recount_entries.add(row.entry_id)
        imported = self.imported(kind, row)
        try:
            row.delete()
        except ProtectedError:
            return self.keep(kind, row, "something of this site uses it")
        imported.delete()
        # Never imported, as far as readers can tell: no 410 where it was.
        Redirect.objects.filter(
            site_id=settings.SITE_ID, old_path__in=gone, new_path=""
        ).delete()
        self.removed += 1

    def addresses(self, kind, row):
        if kind in (EntryKind.ARTICLE, EntryKind.PAGE):
            return row.addresses()
        return []

    def imported(self, kind, row):
        return ImportedItem.objects.filter(
            site=self.run.site, kind=kind, object_id=row.pk
        )

    def redirect(self, entry):
        found = Redirect.objects.filter(
            site_id=settings.SITE_ID, old_path=entry.key
        ).first()
        if found is None:
            return
        if found.new_path != entry.fingerprint:
            self.kept.append(f"redirect {entry.key}: changed here since the import")
        elif entry.created:
            found.delete()
            self.removed += 1
        else:
            found.new_path = entry.before["new_path"]
            found.save()
            self.restored += 1

    def keep(self, kind, row, why):
        self.kept.append(f"{EntryKind(kind).label.lower()} “{row}”: {why}")

    def lines(self):
        lines = [
            f"Import {self.run.pk} undone: {self.removed} things removed, "
            f"{self.restored} put back as they were."
        ]
        if self.kept:
            lines.append(f"Kept ({len(self.kept)}):")
            lines += [f"  {line}" for line in self.kept]
        return lines
