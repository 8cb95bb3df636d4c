"""A WordPress export into articles, pages, topics, authors and comments.

Each post is written with its comments and redirects in one transaction,
and recorded in ImportedItem: a second run finds it there and changes
nothing, and a run cut short resumes where it stopped. What a run writes is
also noted in its ledger (RunEntry), so that the run can be undone. The
export is read twice, streaming: once to learn every item's old addresses
(links between posts are rewritten to the new ones) and to check that it is
a WordPress export at all, once to import.
"""

import html
from pathlib import Path

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from pagecache import generation
from pages.addresses import taken_segments
from wordpress import records, wxr
from wordpress.addresses import Index
from wordpress.authors_topics import AuthorsAndTopics, name_of
from wordpress.content import Findings, TooDeep
from wordpress.ledger import Ledger, snapshot
from wordpress.media import Media
from wordpress.models import ImportedItem
from wordpress.page_tree import NOT_CONTENT, PageTree
from wordpress.posts import Posts
from wordpress.progress import Progress
from wordpress.redirects import Addresses
from wordpress.report import Report
from wordpress.sources import opened
from wordpress.text import title_of
from wordpress.threads import Threads

# An item's <category domain=…>: WXR 1.0 calls tags "tag".
TAXONOMIES = {"category": "category", "post_tag": "post_tag", "tag": "post_tag"}
SKIPPED_TYPES = {"nav_menu_item": "menus are not imported"}


class Importer(Addresses, AuthorsAndTopics, Media, PageTree, Posts, Threads):
    def __init__(self, *, report, run=None, uploads=None, with_pings=False,
                 with_media=True, progress=None):  # fmt: skip
        self.report, self.with_pings, self.with_media = report, with_pings, with_media
        self.ledger = Ledger(None if report.dry_run else run)
        self.progress = progress or Progress()
        self.uploads = Path(uploads).resolve() if uploads else None
        self.index = Index()
        self.findings, self.current = Findings(), None
        self.site = self.site_title = ""
        self.authors, self.topics, self.images, self.media_files = {}, {}, {}, {}
        self.unreachable, self.shipped = {}, {}  # host → why; slug → page
        self.missing_why, self.missing_seen = {}, set()  # of files not brought
        self.category_parents = {}  # slug → parent slug
        self.planned = {"post": {}, "page": {}}  # wp id → slug not yet used
        self.taken = {"post": set(), "page": set(taken_segments())}
        self.pages_done, self.waiting = {}, {}  # wp id → page; parent → items
        self.seen_ids = set()
        self.now = timezone.now()

    def run(self, source, names):
        with generation.one_change():
            for name in names:
                with opened(source, name) as file:
                    self.index.read(file, name)
            self.report.site = self.index.site.rstrip("/")
            if self.ledger.run is not None:  # for undo, even of a run cut short
                self.ledger.run.site = self.report.site[:200]
                self.ledger.run.save(update_fields=["site"])
            exports = [name for name in names if self.is_export(name)]
            self.progress.start(self.index.items)
            for name in exports:
                self.read_file(source, name)
            self.pages_left_waiting()
            if self.site:
                self.site_redirects()
            self.ledger.flush()
            self.progress.finish()

    def is_export(self, name):
        """Whether a file has items WordPress wrote; if not, it is refused."""
        check = self.index.files[name]
        if check.with_ids or not check.items:
            return True
        self.report.files.append(Path(name).name)
        spaces = ", ".join(sorted(check.namespaces)) or "none"
        self.report.refuse(
            f"{Path(name).name}: none of its {check.items} items has a WordPress "
            f"post id and type (the wp: namespace it declares: {spaces}), so it "
            "is not an export WordPress wrote. Nothing was imported from it."
        )
        return False

    def read_file(self, source, name):
        self.report.files.append(Path(name).name)
        with opened(source, name) as file:
            export = wxr.Export(file)
            try:
                for record in export.records():
                    self.handle(record)
            except wxr.BrokenExport as error:
                self.report.refuse(
                    f"{Path(name).name}: {error}. What came before it was "
                    "imported; run the import again on a whole export to add "
                    "the rest."
                )
            self.report.control_characters += export.stripped

    def handle(self, record):
        if isinstance(record, records.Site):
            self.site = self.report.site = record.address
            self.site_title = html.unescape(record.title)
        elif isinstance(record, records.Author):
            self.author_for(record.login, name=name_of(record))
        elif isinstance(record, records.Term):
            self.term(record)
        else:
            self.item(record)
            self.progress.step()

    def item(self, item):
        if item.id and not item.type and self.untyped_copy(item):
            return
        if item.id and not item.type:  # WordPress takes it for a post
            item.type = "post"
        if not item.id:
            self.report.skipped[("item", "no WordPress post id")] += 1
        elif item.id in self.seen_ids:
            self.report.skipped[(item.type, "its post id is in the export twice")] += 1
        elif item.type in ("post", "page") and item.status in NOT_CONTENT:
            self.report.skipped[(item.type, item.status)] += 1
        elif item.type in ("post", "page"):
            self.seen_ids.add(item.id)
            # Outside the item's transaction: an item refused does not take
            # with it an author or topic that later items name.
            self.author_for(item.creator, name=item.creator)
            self.topics_of(item)
            self.import_item(item)
        elif item.type == "attachment":
            self.attachment(item)
        else:
            why = SKIPPED_TYPES.get(item.type, "no such content here")
            self.report.skipped[(item.type, why)] += 1

    def untyped_copy(self, item):
        """An item without a type whose id another item has: left out, said."""
        other = self.index.entries.get(item.id)
        if other is None or not other.typed:
            return False
        self.report.refuse(
            f"item {item.id} “{item.title[:80]}”: the export gives it no post type, "
            f"and its id is that of the {other.type} “{other.title[:80]}”. Left "
            f"out, with its {len(item.comments)} comments."
        )
        return True

    def import_item(self, item):
        kind = "article" if item.type == "post" else "page"
        title = title_of(item.title, content=item.content[:2000])
        self.current, self.findings = (kind, item.id, title), Findings()
        if item.too_large:
            self.report.refuse(
                f"{item.type} {item.id} “{title[:80]}”: it holds "
                f"{size(item.too_large)} of text, more than the "
                f"{size(wxr.text_limit())} a post may hold here "
                "(WORDPRESS_MAX_POST_KB). Left out.",
                item=None,
            )
            return
        self.ledger.flush()
        try:
            with transaction.atomic(), reversion.create_revision():
                reversion.set_comment("Imported from WordPress.")
                self.post(item) if item.type == "post" else self.page(item)
                self.ledger.flush()
        except (ValidationError, TooDeep) as error:
            self.ledger.pending = []
            self.report.skipped[(item.type, "not valid here")] += 1
            messages = getattr(error, "messages", [str(error)])
            self.report.refuse(
                f"{item.type} {item.id} “{item.title[:80]}”: {'; '.join(messages)}",
                item=(kind, item.id),
            )

    def topics_of(self, item):
        return [
            topic
            for domain, slug, name in item.terms
            if domain in TAXONOMIES and (domain, slug) != ("category", "uncategorized")
            if (topic := self.topic_for(TAXONOMIES[domain], slug or name, name))
        ]

    def attachment(self, item):
        self.report.outcomes[("attachment", "seen")] += 1
        parent = self.index.entries.get(item.parent)
        new = self.new_path(item.parent) if parent else None
        if new:
            self.item_redirects(item, new)

    # The ledger of what was imported

    def upsert(self, kind, key, *, model, source, fill, local):
        """The row one WordPress thing became: created, updated or left alone.

        Returns (row, outcome); row is None when an editor deleted it here.
        """
        entry = ImportedItem.objects.filter(site=self.site, kind=kind, wp_key=key)
        entry = entry.first()
        row = entry and model.objects.filter(pk=entry.object_id).first()
        if entry and row is None:
            outcome = "deleted here, left out"
        elif row and entry.source_hash == source:
            outcome = "unchanged"
        elif row and local(row) != entry.local_hash:
            outcome = "kept as edited here"
        else:
            outcome = "updated" if row else "created"
            before = row and {
                "fields": snapshot(kind, row),
                "ledger": [entry.source_hash, entry.local_hash],
            }
            fresh = model()
            row = fill(row or fresh)
            ImportedItem.objects.update_or_create(
                site=self.site, kind=kind, wp_key=key,
                defaults={"object_id": row.pk, "source_hash": source,
                          "local_hash": local(row)},
            )  # fmt: skip
            if before or row is fresh:  # not a row of the site's it reused
                self.ledger.note(kind, created=not before, row=row, before=before)
        self.report.outcomes[(kind, outcome)] += 1
        return row, outcome


def size(characters):
    return filesizeformat(characters).replace("\xa0", " ")


def run_import(source, names, *, run=None, dry_run=False, **options):
    """Import the named files of a source; a dry run rolls everything back.

    ``options``: uploads, with_pings, with_media, progress (see Importer).
    """
    report = Report(dry_run=dry_run)
    importer = Importer(report=report, run=run, **options)
    if not dry_run:
        importer.run(source, names)
        return report
    with transaction.atomic():
        importer.run(source, names)
        transaction.set_rollback(True)
    return report
