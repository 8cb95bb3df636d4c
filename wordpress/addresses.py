"""The old site's addresses: what each one named, and where it lives now.

A first pass over the export records, for every post, page and attachment,
the addresses WordPress answered for it (its permalink, ``?p=``,
``?page_id=``, ``?attachment_id=``, old slugs) and its upload file. The
import then rewrites links to those addresses, and stores a redirect from
each to the new one.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from wordpress import wxr

QUERY_KEYS = ("p", "page_id", "attachment_id")
# Statuses of what readers could open on the old site (future: once due).
PUBLIC = ("publish", "future")
UPLOADS = "/wp-content/uploads/"
SIZE_VARIANT = re.compile(r"-\d+x\d+(?=\.\w+$)")


@dataclass(slots=True)
class Entry:
    type: str
    status: str
    slug: str
    title: str
    parent: str
    upload: str  # the attachment's path under wp-content/uploads
    alt: str = ""  # an image attachment's alt text (_wp_attachment_image_alt)
    caption: str = ""  # an attachment's caption (its excerpt)


def old_path(url, *, site):
    """The path (and WordPress query) of an address on the old site, or None.

    Only addresses on the old site's host (or relative ones) count.
    """
    parts = urlsplit(url.strip())
    if parts.netloc and parts.netloc.lower() != urlsplit(site).netloc.lower():
        return None
    if parts.scheme not in ("", "http", "https"):
        return None
    path = parts.path or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query) if k in QUERY_KEYS]
    return f"{path}?{query[0][0]}={query[0][1]}" if query else path


def upload_of(url, *, site):
    """A URL's path under wp-content/uploads on the old site, size variant
    (``-300x200``) removed; or None."""
    path = old_path(url, site=site)
    if path is None or UPLOADS not in path:
        return None
    return SIZE_VARIANT.sub("", path.split(UPLOADS, 1)[1].split("?")[0])


class Index:
    """Every post, page and attachment of the export, by id and by address."""

    def __init__(self):
        self.entries = {}  # id → Entry
        self.paths = {}  # old path → id
        self.uploads = {}  # upload path → attachment id
        self.site = ""

    def add(self, item):
        self.entries[item.id] = Entry(
            item.type, item.status, item.slug, item.title, item.parent,
            upload_of(item.attachment_url, site=self.site) or "",
        )  # fmt: skip
        if item.type == "attachment":
            entry = self.entries[item.id]
            entry.alt = item.meta_value("_wp_attachment_image_alt")
            entry.caption = item.excerpt
        for path in self.old_paths(item):
            self.paths.setdefault(path, item.id)
        if upload := self.entries[item.id].upload:
            self.uploads.setdefault(upload, item.id)

    def old_paths(self, item):
        """Every address WordPress answered with this item."""
        key = {"page": "page_id", "attachment": "attachment_id"}.get(item.type, "p")
        base = old_path(self.site, site=self.site).rstrip("/")
        paths = [f"{base}/?{key}={item.id}"]
        if key != "p":
            paths.append(f"{base}/?p={item.id}")  # WordPress answers these too
        link = old_path(item.link, site=self.site)
        if link and link not in paths:
            paths.append(link)
        if link and "?" not in link:
            head, _, last = link.rstrip("/").rpartition("/")
            for slug in item.meta.get("_wp_old_slug", []):
                if slug and slug != last:
                    paths.append(f"{head}/{slug}/")
        return paths

    def read(self, file):
        """Index one export file; a broken file is indexed up to the break."""
        export = wxr.Export(file)
        try:
            for record in export.records():
                if isinstance(record, wxr.Site):
                    self.site = record.base_site_url or record.link
                elif isinstance(record, wxr.Item):
                    self.add(record)
        except wxr.BrokenExport:
            pass  # the import itself meets the break and reports it

    def find(self, url):
        """The id of the item an old address named, or None."""
        path = old_path(url, site=self.site)
        if path is None:
            return None
        return self.paths.get(path) or self.paths.get(path.rstrip("/") + "/")
