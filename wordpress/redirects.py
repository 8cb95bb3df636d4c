"""Every old address of the site answers one 301 to its new one.

A run replaces what earlier runs (or anyone) stored for an old address, and
notes what was there before, so that undoing the run puts it back.
"""

from urllib.parse import unquote, urlsplit

from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.text import slugify

from articles.models import Article
from pages.models import Page
from seo.redirects import add_redirect
from wordpress.addresses import PUBLIC, clean_path, old_path, upload_of
from wordpress.conf import settings
from wordpress.ledger import previous_redirect
from wordpress.models import ImportedItem, Kind

MODELS = {"post": (Kind.ARTICLE, Article), "page": (Kind.PAGE, Page)}
SITE_FEEDS = {
    "feed/": "articles:feed_rss",
    "feed/rss2/": "articles:feed_rss",
    "feed/atom/": "articles:feed_atom",
    "comments/feed/": "comments:feed_rss",
    "comments/feed/atom/": "comments:feed_atom",
}


class Addresses:
    """For the Importer: new addresses, rewritten links and redirects."""

    def base(self):
        """The old site's path, '' at the root of its host."""
        return urlsplit(self.site).path.rstrip("/")

    def redirect(self, path, new_path, *, absolute=False):
        """Store old → new, unless they are the same address."""
        old = path if absolute else f"{self.base()}{path}"
        if old == new_path or len(old) > 200:
            return
        here = unquote(clean_path(old.partition("?")[0])).strip("/")
        page = Page.objects.published().filter(path=here).first() if here else None
        if page is not None and page.get_absolute_url() != new_path:
            # One of the site's own pages answers there.
            self.report.note("redirect", f"{old}: a page of this site is there")
            return
        previous = previous_redirect(old, site_id=settings.SITE_ID)
        if previous == new_path:
            self.report.redirected()
            return
        try:
            add_redirect(old, new_path)
        except ValidationError as error:
            self.report.note("redirect", f"{old}: {error.messages[0]}")
        else:
            self.ledger.redirect(old, new_path, previous=previous)
            self.report.redirected()

    def item_redirects(self, item, new, *, feed=None):
        """The item's permalink, ?p=, ?page_id=, ?attachment_id= and old
        slugs; with a feed, each one's /feed/ too. An earlier "gone" at the
        new address is lifted: the item lives there now."""
        Redirect.objects.filter(site_id=settings.SITE_ID, old_path=new).delete()
        for path in self.index.old_paths(item):
            self.redirect(path, new, absolute=True)
            if feed and "?" not in path:
                self.redirect(f"{path.rstrip('/')}/feed/", feed, absolute=True)

    def site_redirects(self):
        for path, name in SITE_FEEDS.items():
            self.redirect(f"/{path}", reverse(name))

    def slug_for(self, wp_id):
        """The slug a post or page takes here: its own, unless another has it.

        Slugs keep their letters in any script (Greek, Cyrillic…).
        """
        entry = self.index.entries[wp_id]
        planned = self.planned[entry.type]
        if wp_id not in planned:
            model = MODELS[entry.type][1]
            limit = model._meta.get_field("slug").max_length - 10
            base = (
                slugify(unquote(entry.slug), allow_unicode=True)[:limit]
                or slugify(entry.title, allow_unicode=True)[:limit]
                or f"{entry.type}-{wp_id}"
            )
            slug, number = base, 1
            while slug in self.taken[entry.type] or self.slug_in_use(model, slug):
                number += 1
                slug = f"{base}-{number}"
            self.taken[entry.type].add(slug)
            planned[wp_id] = slug
        return planned[wp_id]

    def wanted_slug(self, item):
        """The slug the item had on the old site, as a slug here."""
        return slugify(unquote(item.slug), allow_unicode=True)

    def slug_in_use(self, model, slug):
        """Whether a row here has the slug, and keeps it."""
        if model is Page and self.shipped_page(slug) is not None:
            return False  # the import takes its place (pages_import.py)
        return model.objects.filter(slug__iexact=slug).exists()

    def planned_page_path(self, wp_id):
        """The address a page will have: its parents' slugs, then its own."""
        parts, seen = [], set()
        while wp_id in self.index.entries and wp_id not in seen:
            seen.add(wp_id)
            entry = self.index.entries[wp_id]
            if entry.type != "page" or entry.status in ("trash", "auto-draft"):
                break
            parts.insert(0, self.slug_for(wp_id))
            wp_id = entry.parent
        return "/".join(parts)

    def new_path(self, wp_id):
        """Where the post, page or attachment page with this id lives now."""
        entry = self.index.entries.get(wp_id)
        if entry is None:
            return None
        if entry.type == "attachment":
            return self.new_path(entry.parent) if entry.parent != "0" else None
        if entry.type not in MODELS or entry.status not in PUBLIC:
            return None
        kind, model = MODELS[entry.type]
        imported = ImportedItem.objects.filter(site=self.site, kind=kind, wp_key=wp_id)
        row = model.objects.filter(pk__in=imported.values("object_id")).first()
        if row is not None:
            return row.get_absolute_url()
        if entry.type == "page":
            return reverse(
                "pages:detail", kwargs={"path": self.planned_page_path(wp_id)}
            )
        return reverse("articles:detail", kwargs={"slug": self.slug_for(wp_id)})

    def rewrite_url(self, url):
        """A link or image of the content, pointed at its new address: an
        upload at its file here, an attachment's page at its file too."""
        if (upload := upload_of(url, site=self.site)) is not None:
            return self.media_url(upload, url)
        path = old_path(url, site=self.site)
        wp_id = self.index.find(url) if path else None
        entry = self.index.entries.get(wp_id)
        if entry is not None and entry.type == "attachment" and entry.upload:
            return self.media_url(entry.upload, self.upload_address(entry.upload))
        new = self.new_path(wp_id) if wp_id else None
        if new is None:
            return url
        fragment = urlsplit(url).fragment
        return f"{new}#{fragment}" if fragment else new
