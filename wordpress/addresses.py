"""The old site's addresses: what each one named, and where it lives now.

A first pass over the export records, for every post, page and attachment,
the addresses WordPress answered for it (its permalink, ``?p=``,
``?page_id=``, ``?attachment_id=``, old slugs) and its upload file. The
import then rewrites links to those addresses, and stores a redirect from
each to the new one.

Addresses are compared as Django sees a request: percent-encoding in
upper case (``/%CE%B5/``), one slash between segments. WordPress.com serves
a blog's uploads from ``<blog>.files.wordpress.com/2025/01/x.jpg`` (and
through its image proxy, ``i0.wp.com/<blog host>/…``) as well as from the
blog's own ``/wp-content/uploads/``.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from django.utils.encoding import escape_uri_path

from wordpress import records, wxr

QUERY_KEYS = ("p", "page_id", "attachment_id")
# Statuses of what readers could open on the old site (future: once due).
PUBLIC = ("publish", "future")
UPLOADS = "/wp-content/uploads/"
SIZE_VARIANT = re.compile(r"-\d+x\d+(?=\.\w+$)")
IMAGE_PROXY = re.compile(r"^i\d\.wp\.com$")


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
    url: str = ""  # where the old site served an attachment's file
    typed: bool = True  # False: the export gave it no post type


@dataclass
class FileCheck:
    """What the first pass saw of one file: is it a WordPress export at all?"""

    items: int = 0
    with_ids: int = 0
    namespaces: frozenset = frozenset()


def host_of(url):
    host = (urlsplit(url.strip()).hostname or "").lower()
    return host.removeprefix("www.")


def clean_path(path):
    """A path as Django's request.get_full_path() spells it."""
    return escape_uri_path(re.sub(r"/{2,}", "/", unquote(path or "/")))


def doubled_slashes(url):
    """An address's path as written, when it has // in it; else None."""
    path = urlsplit(url.strip()).path
    return escape_uri_path(unquote(path)) if "//" in path else None


def old_path(url, *, site):
    """The path (and WordPress query) of an address on the old site, or None.

    Only addresses on the old site's host (or relative ones) count.
    """
    parts = urlsplit(url.strip())
    if parts.netloc and host_of(url) != host_of(site):
        return None
    if parts.scheme not in ("", "http", "https"):
        return None
    path = clean_path(parts.path)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k in QUERY_KEYS]
    return f"{path}?{query[0][0]}={query[0][1]}" if query else path


def upload_of(url, *, site):
    """A URL's path under the old site's uploads, size variant (``-300x200``)
    and query (``?w=1024``) removed; or None."""
    parts = urlsplit(url.strip())
    host, site_host = host_of(url), host_of(site)
    path = unquote(parts.path)
    if IMAGE_PROXY.match(host):  # i0.wp.com/<blog host>/wp-content/uploads/…
        host, _, path = path.lstrip("/").partition("/")
        host, path = host.lower().removeprefix("www."), f"/{path}"
    if site_host.endswith(".wordpress.com") and host == site_host.replace(
        ".wordpress.com", ".files.wordpress.com"
    ):
        upload = path.lstrip("/")
    elif (host in ("", site_host)) and UPLOADS in path:
        upload = path.split(UPLOADS, 1)[1]
    else:
        return None
    return SIZE_VARIANT.sub("", upload) or None


class Index:
    """Every post, page and attachment of the export, by id and by address."""

    def __init__(self):
        self.entries = {}  # id → Entry
        self.paths = {}  # old path → id
        self.uploads = {}  # upload path → attachment id
        self.files = {}  # file name → FileCheck
        self.authors = {}  # login → (WordPress user id, email)
        self.site = ""

    @property
    def items(self):
        """Items with a post id and type, in all the files."""
        return sum(check.with_ids for check in self.files.values())

    def add(self, item, *, typed=True):
        """Index an item; of two with one id, the first with a type counts."""
        known = self.entries.get(item.id)
        if known is not None and (known.typed or not typed):
            return
        self.entries[item.id] = Entry(
            item.type, item.status, item.slug, item.title, item.parent,
            upload_of(item.attachment_url, site=self.site) or "", typed=typed,
        )  # fmt: skip
        if item.type == "attachment":
            entry = self.entries[item.id]
            entry.alt = item.meta_value("_wp_attachment_image_alt")
            entry.caption = item.excerpt
            entry.url = item.attachment_url
        for path in self.old_paths(item):
            self.paths.setdefault(path, item.id)
        if upload := self.entries[item.id].upload:
            self.uploads.setdefault(upload, item.id)

    def old_paths(self, item):
        """Every address WordPress answered with this item."""
        key = {"page": "page_id", "attachment": "attachment_id"}.get(item.type, "p")
        base = (old_path(self.site, site=self.site) or "/").rstrip("/")
        paths = [f"{base}/?{key}={item.id}"]
        if key != "p":
            paths.append(f"{base}/?p={item.id}")  # WordPress answers these too
        link = old_path(item.link, site=self.site)
        if link and link not in paths:
            paths.append(link)
        if link and (doubled := doubled_slashes(item.link)) not in (None, link):
            paths.append(doubled)  # as WordPress.com wrote it: //greek/…
        if link and "?" not in link:
            head, _, last = link.rstrip("/").rpartition("/")
            for slug in item.meta.get("_wp_old_slug", []):
                if slug and clean_path(slug) != last:
                    paths.append(f"{head}/{clean_path(slug)}/")
        return paths

    def read(self, file, name):
        """Index one export file; a broken file is indexed up to the break."""
        export, check = wxr.Export(file), FileCheck()
        try:
            for record in export.records():
                if isinstance(record, records.Site):
                    self.site = record.address
                elif isinstance(record, records.Author):
                    self.authors[record.login] = (record.id, record.email.lower())
                elif isinstance(record, records.Item):
                    check.items += 1
                    check.with_ids += bool(record.id and record.type)
                    if record.id:
                        typed = bool(record.type)
                        record.type = record.type or "post"  # as WordPress does
                        self.add(record, typed=typed)
        except wxr.BrokenExport:
            pass  # the import itself meets the break and reports it
        check.namespaces = frozenset(export.namespaces)
        self.files[name] = check

    def find(self, url):
        """The id of the item an old address named, or None."""
        path = old_path(url, site=self.site)
        if path is None:
            return None
        return self.paths.get(path) or self.paths.get(path.rstrip("/") + "/")
