"""Pages under pages, and the site's own About page making way.

WordPress exports a page before or after its parent, as it likes: a page
whose parent is still to come waits for it (only those pages are held), so
each page is written once, at its nested address. A page whose parent never
comes (left out, or not in the export) goes to the top level.

The site ships an About page. While it is exactly as shipped, an imported
page at /about/ takes its address, its place in the footer and its kind;
the shipped one becomes a draft at /about-as-shipped/, and undoing the
import puts it back.
"""

from importlib import import_module

from comments.models import Comment
from pages.models import Page, ShowIn
from publishing.models import Entry, Status
from wordpress.ledger import snapshot
from wordpress.models import EntryKind, ImportedItem, Kind

NOT_CONTENT = ("trash", "auto-draft", "inherit")
# The pages the site ships with (a data migration), as shipped.
SHIPPED = {
    page["slug"]: page
    for page in import_module("pages.migrations.0003_about_and_privacy").PAGES
    if page["kind"] == "about"
}


class PageTree:
    """For the Importer: page parents, and the shipped About page."""

    def waits_for_parent(self, item):
        """Hold a page whose parent page is yet to be imported."""
        parent = self.index.entries.get(item.parent)
        if parent is None or parent.type != "page" or parent.status in NOT_CONTENT:
            return False
        if item.parent in self.pages_done:
            return False
        self.waiting.setdefault(item.parent, []).append(item)
        return True

    def children_of(self, wp_id):
        for child in self.waiting.pop(wp_id, []):
            self.import_item(child)

    def pages_left_waiting(self):
        """Pages whose parent never came: at the top level."""
        while self.waiting:
            wp_id = next(iter(self.waiting))
            self.pages_done.setdefault(wp_id, None)
            self.children_of(wp_id)

    def imported_page(self, wp_id):
        """The page here that a WordPress page became, or None."""
        if wp_id in self.pages_done:
            return self.pages_done[wp_id]
        entry = ImportedItem.objects.filter(
            site=self.site, kind=Kind.PAGE, wp_key=wp_id
        )
        return Page.objects.filter(pk__in=entry.values("object_id")).first()

    def shipped_page(self, slug):
        """The site's own page at this slug, if it is still as it shipped."""
        shipped = SHIPPED.get(slug)
        if shipped is None:
            return None
        if slug not in self.shipped:
            page = Page.objects.filter(slug=slug).first()
            fields = ("title", "summary", "body")
            untouched = page is not None and all(
                getattr(page, name) == shipped[name] for name in fields
            )
            self.shipped[slug] = (
                page if untouched and not Comment.objects.on(page).exists() else None
            )
        return self.shipped[slug]

    def take_place_of_shipped(self, page):
        """The imported page takes the shipped page's address and place."""
        shipped = self.shipped_page(page.slug)
        if shipped is None or shipped.pk == page.pk:
            return
        before = snapshot(EntryKind.PAGE, shipped)
        aside = f"{shipped.slug}-as-shipped"
        # Moved aside unseen: no redirect from /about/, which the import takes.
        Page.objects.filter(pk=shipped.pk).update(
            slug=aside, path=aside, status=Status.DRAFT, show_in=ShowIn.NOWHERE
        )
        shipped.refresh_from_db()
        Entry.objects.filter(pk=shipped.entry_id).update(
            path=shipped.get_absolute_url()
        )
        self.ledger.note(EntryKind.PAGE, created=False, row=shipped, before=before)
        page.kind, page.show_in, page.order = (
            shipped.kind,
            before["show_in"],
            shipped.order,
        )
        self.shipped[page.slug] = None
        self.report.note(
            "address",
            f"page “{page.title}” takes /{page.slug}/ from the site's own "
            f"“{shipped.title}”, unedited since the site was set up (now a draft)",
        )
