"""A WordPress export into articles, pages, topics, authors and comments.

Each post is written with its comments and redirects in one transaction,
and recorded in ImportedItem: a second run finds it there and changes
nothing, and a run cut short resumes where it stopped. The export is read
twice, streaming: once to learn every item's old addresses (links between
posts are rewritten to the new ones), once to import.
"""

import html
from dataclasses import asdict
from pathlib import Path

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from pagecache.changes import one_change
from pages.addresses import taken_segments
from pages.models import Page
from publishing.models import Status
from wordpress import wxr
from wordpress.addresses import PUBLIC, Index
from wordpress.authors_topics import AuthorsAndTopics, name_of
from wordpress.content import Findings, summary_of, to_markdown
from wordpress.media import Media
from wordpress.models import ImportedItem, Kind, digest
from wordpress.redirects import Addresses
from wordpress.report import Report
from wordpress.sources import opened
from wordpress.threads import Threads

NOT_CONTENT = ("trash", "auto-draft", "inherit")
FLAGS = {
    "draft": "a draft on the old site",
    "pending": "pending review on the old site: imported as a draft",
    "private": "private on the old site: imported as a draft",
}
# An item's <category domain=…>: WXR 1.0 calls tags "tag".
TAXONOMIES = {"category": "category", "post_tag": "post_tag", "tag": "post_tag"}
NO_TEXT = "*This post had no text on the old site.*"


class Importer(Addresses, AuthorsAndTopics, Media, Threads):
    def __init__(self, *, report, uploads=None, with_pings=False, fetch_media=False):
        self.report, self.with_pings = report, with_pings
        self.fetch_media = fetch_media
        self.uploads = Path(uploads).resolve() if uploads else None
        self.index = Index()
        self.findings = Findings(report.dynamic_blocks, report.unknown_shortcodes)
        self.site = self.site_title = ""
        self.authors, self.topics, self.media, self.images = {}, {}, {}, {}
        self.category_parents = {}  # slug → parent slug
        self.planned = {"post": {}, "page": {}}  # wp id → slug not yet used
        self.taken = {"post": set(), "page": set(taken_segments())}
        self.now = timezone.now()

    def run(self, source, names):
        with one_change():
            self.read_all(source, names)

    def read_all(self, source, names):
        for name in names:
            with opened(source, name) as file:
                self.index.read(file)
        for name in names:
            self.report.files.append(Path(name).name)
            with opened(source, name) as file:
                export = wxr.Export(file)
                try:
                    for record in export.records():
                        self.handle(record)
                except wxr.BrokenExport as error:
                    self.report.errors.append(
                        f"{Path(name).name}: {error}. What came before it was "
                        "imported; run the import again on a whole export to "
                        "add the rest."
                    )
                self.report.control_characters += export.stripped
        if self.site:
            self.site_redirects()

    def handle(self, record):
        if isinstance(record, wxr.Site):
            self.site = (record.base_site_url or record.link).rstrip("/")
            self.site_title = html.unescape(record.title)
            self.index.site = self.site
        elif isinstance(record, wxr.Author):
            self.author_for(record.login, name=name_of(record))
        elif isinstance(record, wxr.Term):
            self.term(record)
        elif record.type in ("post", "page"):
            if record.status in NOT_CONTENT:
                self.report.skipped[(record.type, record.status)] += 1
                return
            # Outside the item's transaction: an item refused does not take
            # with it an author or topic that later items name.
            self.author_for(record.creator, name=record.creator)
            self.topics_of(record)
            try:
                with transaction.atomic(), reversion.create_revision():
                    reversion.set_comment("Imported from WordPress.")
                    self.post(record) if record.type == "post" else self.page(record)
            except ValidationError as error:
                self.report.skipped[(record.type, "not valid here")] += 1
                self.report.errors.append(f"{record.type} {record.id}: {error}")
        elif record.type == "attachment":
            self.attachment(record)
        else:
            self.report.skipped[(record.type, "no such content here")] += 1

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
            row = fill(row or model())
            ImportedItem.objects.update_or_create(
                site=self.site, kind=kind, wp_key=key,
                defaults={"object_id": row.pk, "source_hash": source,
                          "local_hash": local(row)},
            )  # fmt: skip
        self.report.outcomes[(kind, outcome)] += 1
        return row, outcome

    # Posts and pages

    def post(self, item):
        status, published_at = Status.DRAFT, None
        if item.status in PUBLIC and not item.password:
            status, published_at = Status.PUBLISHED, item.date or self.now
        title = html.unescape(item.title)[:200] or f"Untitled {item.id}"
        values = {
            "title": title,
            "summary": summary_of(excerpt=item.excerpt, content=item.content) or title,
            "body": self.markdown(item) or NO_TEXT,
            "status": status,
            "published_at": published_at,
            "author": self.author_for(item.creator, name=item.creator),
            "comments_open": item.comment_status == "open",
            "feed_guid": item.guid[:500],
        }
        topics = self.topics_of(item)

        def fill(article):
            for name, value in values.items():
                setattr(article, name, value)
            article.slug = article.slug or self.slug_for(item.id)
            article.full_clean()
            article.save()
            article.topics.set(topics)
            self.featured_image(item, article)
            return article

        source = digest({**asdict(item), "comments": None})
        article, outcome = self.upsert(
            Kind.ARTICLE, item.id, model=Article, source=source, fill=fill,
            local=lambda article: article.content_hash,
        )  # fmt: skip
        if article is None:
            return
        self.account(item, "article", article.state.lower(), outcome)
        self.comments(item, article)
        if item.status in PUBLIC and article.status == Status.PUBLISHED:
            feed = f"{article.comments_url()}rss/"
            self.item_redirects(item, article.get_absolute_url(), feed=feed)

    def topics_of(self, item):
        return [
            topic
            for domain, slug, name in item.terms
            if domain in TAXONOMIES and (domain, slug) != ("category", "uncategorized")
            if (topic := self.topic_for(TAXONOMIES[domain], slug or name, name))
        ]

    def page(self, item):
        status, published_at = Status.DRAFT, None
        if item.status == "publish" and not item.password:
            status, published_at = Status.PUBLISHED, item.date or self.now
        title = html.unescape(item.title)[:200] or f"Untitled {item.id}"
        values = {
            "title": title,
            "summary": summary_of(excerpt=item.excerpt, content=item.content) or title,
            "body": self.markdown(item),
            "status": status,
            "published_at": published_at,
        }

        def fill(page):
            for name, value in values.items():
                setattr(page, name, value)
            page.slug = page.slug or self.slug_for(item.id)
            page.full_clean()
            page.save()
            return page

        page, outcome = self.upsert(
            Kind.PAGE, item.id, model=Page, source=digest(asdict(item)), fill=fill,
            local=lambda page: digest(page.title, page.summary, page.body),
        )  # fmt: skip
        if item.comments:
            self.report.skipped[("comment", "on a page (pages take none)")] += len(
                item.comments
            )
        if page is None:
            return
        self.account(item, "page", page.state.lower(), outcome)
        if page.status == Status.PUBLISHED:
            self.item_redirects(item, page.get_absolute_url())

    def account(self, item, kind, status, outcome):
        self.report.statuses[(kind, status)] += 1
        why = FLAGS.get(item.status)
        if item.password:
            why = "password-protected on the old site: imported as a draft"
        if why and outcome in ("created", "updated"):
            self.report.flag(kind, item.id, item.title, why)
        slug = self.planned["post" if kind == "article" else "page"].get(item.id)
        if outcome == "created" and slug and item.slug and slug != item.slug:
            why = f"its slug “{item.slug}” is taken here: imported as “{slug}”"
            self.report.flag(kind, item.id, item.title, why)

    def markdown(self, item):
        return to_markdown(
            item.content,
            findings=self.findings,
            rewrite_url=self.rewrite_url,
            gallery=lambda ids: self.gallery(item, ids),
            image=self.content_image,
        )

    def attachment(self, item):
        self.report.outcomes[("attachment", "seen")] += 1
        parent = self.index.entries.get(item.parent)
        new = self.new_path(item.parent) if parent else None
        if new:
            self.item_redirects(item, new)


def run_import(
    source, names, *, dry_run=False, uploads=None, with_pings=False, fetch_media=False
):
    """Import the named files of a source; a dry run rolls everything back."""
    report = Report(dry_run=dry_run)
    importer = Importer(
        report=report, uploads=uploads, with_pings=with_pings, fetch_media=fetch_media
    )
    if not dry_run:
        importer.run(source, names)
        return report
    with transaction.atomic():
        importer.run(source, names)
        transaction.set_rollback(True)
    return report
