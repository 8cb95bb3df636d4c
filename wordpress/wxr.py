"""Read a WordPress export (WXR 1.0, 1.1 or 1.2) as a stream of records.

The file is parsed as it is read: each author, term and item is handed on
as soon as its closing tag arrives, and its elements are freed, so memory
stays flat however large the export. DTDs, entities and external
references are refused (defusedxml). Control characters, which XML forbids
and old WordPress versions let through, are stripped and counted.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

CHUNK = 64 * 1024
# C0 controls other than tab, newline and carriage return.
CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])
WP_NAMESPACE = re.compile(r"^http://wordpress\.org/export/(1\.\d+)/(excerpt/)?$")
NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
ZERO_DATE = "0000-00-00 00:00:00"


class BrokenExport(Exception):
    """The export is not well-formed XML, or asks for what is refused."""


@dataclass
class Site:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    wxr_version: str = ""


@dataclass
class Author:
    login: str
    display_name: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    taxonomy: str  # "category", "post_tag" or another WordPress taxonomy
    slug: str
    name: str
    parent: str = ""
    description: str = ""


@dataclass
class Comment:
    id: str
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: datetime | None = None
    content: str = ""
    approved: str = "1"
    type: str = ""
    parent: str = "0"


@dataclass
class Item:
    id: str
    type: str = "post"
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: datetime | None = None
    status: str = "publish"
    slug: str = ""
    parent: str = "0"
    password: str = ""
    comment_status: str = "open"
    attachment_url: str = ""
    terms: list = field(default_factory=list)  # [(taxonomy, slug, name)]
    meta: dict = field(default_factory=dict)  # {key: [values]}
    comments: list = field(default_factory=list)

    def meta_value(self, key):
        values = self.meta.get(key)
        return values[-1] if values else ""


class CleanReader:
    """A binary file that drops control characters, counting them."""

    def __init__(self, raw):
        self.raw = raw
        self.stripped = 0

    def read(self, size=CHUNK):
        data = self.raw.read(size if size and size > 0 else CHUNK)
        clean = data.translate(None, CONTROL_BYTES)
        self.stripped += len(data) - len(clean)
        return clean


def local_name(tag):
    """'{http://wordpress.org/export/1.1/}post_id' → 'wp:post_id'."""
    if not tag.startswith("{"):
        return tag
    namespace, _, name = tag[1:].partition("}")
    if match := WP_NAMESPACE.match(namespace):
        return f"{'excerpt' if match[2] else 'wp'}:{name}"
    prefix = NAMESPACES.get(namespace)
    return f"{prefix}:{name}" if prefix else name


def parse_date(text):
    """A WordPress date ('2025-01-15 09:00:00', taken as UTC), or None."""
    text = (text or "").strip()
    if not text or text.startswith("0000-00-00"):
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def children(element):
    """{name: text} of an element's simple children (the last one wins)."""
    return {local_name(child.tag): (child.text or "").strip() for child in element}


def read_author(element):
    values = children(element)
    return Author(
        login=values.get("wp:author_login", ""),
        display_name=values.get("wp:author_display_name", ""),
        email=values.get("wp:author_email", ""),
        first_name=values.get("wp:author_first_name", ""),
        last_name=values.get("wp:author_last_name", ""),
    )


def read_term(element, name):
    values = children(element)
    if name == "wp:category":
        return Term(
            "category",
            values.get("wp:category_nicename", ""),
            values.get("wp:cat_name", ""),
            values.get("wp:category_parent", ""),
            values.get("wp:category_description", ""),
        )
    if name == "wp:tag":
        return Term(
            "post_tag",
            values.get("wp:tag_slug", ""),
            values.get("wp:tag_name", ""),
            description=values.get("wp:tag_description", ""),
        )
    return Term(
        values.get("wp:term_taxonomy", ""),
        values.get("wp:term_slug", ""),
        values.get("wp:term_name", ""),
        values.get("wp:term_parent", ""),
        values.get("wp:term_description", ""),
    )


def read_comment(element):
    values = children(element)
    return Comment(
        id=values.get("wp:comment_id", ""),
        author=values.get("wp:comment_author", ""),
        email=values.get("wp:comment_author_email", ""),
        url=values.get("wp:comment_author_url", ""),
        ip=values.get("wp:comment_author_IP", ""),
        date=parse_date(values.get("wp:comment_date_gmt"))
        or parse_date(values.get("wp:comment_date")),
        content=_text(element, "wp:comment_content"),
        approved=values.get("wp:comment_approved", "1"),
        type=values.get("wp:comment_type", ""),
        parent=values.get("wp:comment_parent", "0") or "0",
    )


def _text(element, name):
    """The unstripped text of a child: content keeps its line breaks."""
    for child in element:
        if local_name(child.tag) == name:
            return child.text or ""
    return ""


def read_item(element):
    item = Item(id="")
    values = {}
    for child in element:
        name = local_name(child.tag)
        if name == "category":
            domain = child.get("domain", "")
            text = (child.text or "").strip()
            item.terms.append((domain, child.get("nicename", ""), text))
        elif name == "wp:postmeta":
            meta = children(child)
            key = meta.get("wp:meta_key", "")
            item.meta.setdefault(key, []).append(meta.get("wp:meta_value", ""))
        elif name == "wp:comment":
            item.comments.append(read_comment(child))
        else:
            values[name] = child.text or ""
    item.id = values.get("wp:post_id", "").strip()
    item.type = values.get("wp:post_type", "post").strip() or "post"
    item.title = values.get("title", "").strip()
    item.link = values.get("link", "").strip()
    item.guid = values.get("guid", "").strip()
    item.creator = values.get("dc:creator", "").strip()
    item.content = values.get("content:encoded", "")
    item.excerpt = values.get("excerpt:encoded", "")
    item.date = parse_date(values.get("wp:post_date_gmt")) or parse_date(
        values.get("wp:post_date")
    )
    item.status = values.get("wp:status", "publish").strip()
    item.slug = values.get("wp:post_name", "").strip()
    item.parent = values.get("wp:post_parent", "0").strip() or "0"
    item.password = values.get("wp:post_password", "").strip()
    item.comment_status = values.get("wp:comment_status", "open").strip()
    item.attachment_url = values.get("wp:attachment_url", "").strip()
    return item


HEADER = {
    "title": "title",
    "link": "link",
    "wp:base_site_url": "base_site_url",
    "wp:wxr_version": "wxr_version",
}
RECORDS = {"item", "wp:author", "wp:category", "wp:tag", "wp:term"}


class Export:
    """One export file: its Site first, then its Author, Term and Item records."""

    def __init__(self, raw):
        self.reader = CleanReader(raw)

    @property
    def stripped(self):
        """Control characters dropped so far."""
        return self.reader.stripped

    def records(self):
        site, site_sent, channel, depth = Site(), False, None, 0
        try:
            for event, element in iterparse(self.reader, events=("start", "end")):
                if event == "start":
                    depth += 1
                    if local_name(element.tag) == "channel":
                        channel = element
                    continue
                depth -= 1
                name = local_name(element.tag)
                if channel is None or depth != 2:
                    continue
                if name in HEADER:
                    setattr(site, HEADER[name], (element.text or "").strip())
                elif name in RECORDS:
                    if not site_sent:
                        site_sent = True
                        yield site
                    yield record_of(element, name)
                channel.remove(element)
        except ParseError as error:
            raise BrokenExport(f"not well-formed XML ({error})") from error
        except DefusedXmlException as error:
            raise BrokenExport(f"refused: {error}") from error
        if channel is None:
            raise BrokenExport("no RSS channel: this is not a WordPress export")
        if not site_sent:
            yield site


def record_of(element, name):
    if name == "item":
        return read_item(element)
    if name == "wp:author":
        return read_author(element)
    return read_term(element, name)
