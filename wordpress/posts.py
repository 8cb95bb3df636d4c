"""Posts into articles, pages into pages: their words, status and comments."""

from dataclasses import asdict
from urllib.parse import unquote

from django.urls import reverse

from articles.models import Article
from pages.models import Page
from publishing.models import Status
from wordpress.addresses import PUBLIC
from wordpress.content import to_markdown
from wordpress.models import Kind, digest
from wordpress.text import summary_of, title_of

FLAGS = {
    "": "the export gives it no status: imported as a draft",
    "draft": "a draft on the old site",
    "pending": "pending review on the old site: imported as a draft",
    "private": "private on the old site: imported as a draft",
}
NO_TEXT = "*This post had no text on the old site.*"
NAMED = 6  # shortcodes and blocks named for one post


class Posts:
    """For the Importer: an item's article or page."""

    def words(self, item):
        """Title, summary and Markdown body, as the site keeps them."""
        title = title_of(item.title, content=item.content)
        return {
            "title": title,
            "summary": summary_of(excerpt=item.excerpt, content=item.content) or title,
            "body": to_markdown(
                item.content,
                findings=self.findings,
                rewrite_url=self.rewrite_url,
                gallery=lambda ids: self.gallery(item, ids),
                image=self.content_image,
                media=self.media,
            ),
        }

    def article_values(self, item):
        status, published_at = Status.DRAFT, None
        if item.status in PUBLIC and not item.password:
            status, published_at = Status.PUBLISHED, item.date or self.now
        values = {
            **self.words(item),
            "status": status,
            "published_at": published_at,
            "author": self.author_for(item.creator, name=item.creator),
            "comments_open": item.comment_status == "open",
            "pinned": item.is_sticky,
            "feed_guid": item.guid[:500],
        }
        values["body"] = values["body"] if values["body"].strip() else NO_TEXT
        return values

    def post(self, item):
        values, topics = self.article_values(item), self.topics_of(item)

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
        self.account(item, "article", article, article.state.lower(), outcome)
        self.comments(item, article)
        if item.status in PUBLIC and article.status == Status.PUBLISHED:
            feed = f"{article.comments_url()}rss/"
            self.item_redirects(item, article.get_absolute_url(), feed=feed)

    def page(self, item):
        """A page, once its parent page is in (pages arrive in any order)."""
        if self.waits_for_parent(item):
            return
        status, published_at = Status.DRAFT, None
        if item.status == "publish" and not item.password:
            status, published_at = Status.PUBLISHED, item.date or self.now
        values = {
            **self.words(item),
            "status": status,
            "published_at": published_at,
            "comments_open": item.comment_status == "open",
            "parent": self.imported_page(item.parent),
        }

        def fill(page):
            for name, value in values.items():
                setattr(page, name, value)
            page.slug = page.slug or self.slug_for(item.id)
            self.take_place_of_shipped(page)
            page.full_clean()
            page.save()
            return page

        page, outcome = self.upsert(
            Kind.PAGE, item.id, model=Page, source=digest(asdict(item)), fill=fill,
            local=lambda page: digest(page.title, page.summary, page.body),
        )  # fmt: skip
        if page is not None:
            self.account(item, "page", page, page.state.lower(), outcome)
            self.comments(item, page)
            if page.status == Status.PUBLISHED:
                self.item_redirects(item, page.get_absolute_url())
        self.pages_done[item.id] = page
        self.children_of(item.id)

    def account(self, item, kind, row, status, outcome):
        self.report.statuses[(kind, status)] += 1
        admin = f"admin:{row._meta.app_label}_{row._meta.model_name}_change"
        if not self.report.dry_run:
            self.report.locate(kind, item.id, reverse(admin, args=[row.pk]))
        title = row.title
        why = FLAGS.get(item.status)
        if item.password:
            why = "password-protected on the old site: imported as a draft"
        if why and outcome in ("created", "updated"):
            self.report.flag(kind, item.id, title, why)
        slug = self.planned["post" if kind == "article" else "page"].get(item.id)
        wanted = unquote(item.slug).strip("/")
        if outcome == "created" and slug and wanted and slug != self.wanted_slug(item):
            why = (
                f"its address “{wanted}” is taken here: now at {row.get_absolute_url()}"
            )
            self.report.note(
                "address", f"{kind} “{title}”: {why}", item=(kind, item.id)
            )
        self.report_findings(kind, item, title)

    def report_findings(self, kind, item, title):
        """What this item's content held that the site does not show."""
        found = self.findings
        left = sorted({*found.unknown_shortcodes, *found.dynamic_blocks})
        if left:
            names = ", ".join(left[:NAMED])
            names += f" and {len(left) - NAMED} more" if len(left) > NAMED else ""
            text = f"“{title}”: {names} (left out; WordPress drew them itself)"
            self.report.note("content", text, item=(kind, item.id))
        self.report.embeds.update(found.embeds)
        self.report.players.update(found.players)
        self.report.galleries += found.galleries
