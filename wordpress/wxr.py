"""Read a WordPress export (WXR 1.0, 1.1 or 1.2) as a stream of records.

The file is parsed as it is read (SAX): each author, term and item is handed
on as soon as its closing tag arrives, so memory stays flat however large the
export. No text is held past a limit (WORDPRESS_MAX_POST_KB): a larger post
is read to its end, counted and handed on marked as too large, never whole.
Elements nested deeper than any export nests them, DTDs, entities and
external references are refused (defusedxml). Control characters, which XML
forbids and old WordPress versions let through, are stripped and counted.

WordPress writes its namespace as http://wordpress.org/export/1.2/, and
WordPress.com as https://…; both are read.
"""

import re
import zipfile
from collections import deque
from xml.sax import SAXParseException
from xml.sax.expatreader import ExpatLocator
from xml.sax.handler import ContentHandler, feature_namespaces

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from wordpress.conf import settings
from wordpress.records import (
    Item,
    Site,
    read_author,
    read_item,
    read_term,
)

CHUNK = 64 * 1024
# C0 controls other than tab, newline and carriage return.
CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])
WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/(1\.\d+)/(excerpt/)?$")
NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
# rss › channel › item › wp:comment › wp:commentmeta › wp:meta_value is six.
MAX_DEPTH = 32
# A post's fields, comments included, may hold this many times the limit.
RECORD_LIMITS = 4


def text_limit():
    """The most characters one field of a post may hold."""
    return settings.WORDPRESS_MAX_POST_KB * 1024


class BrokenExport(Exception):
    """The export is not well-formed XML, or asks for what is refused."""


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


def local_name(name):
    """('http://wordpress.org/export/1.1/', 'post_id') → 'wp:post_id'."""
    namespace, local = name
    if not namespace:
        return local
    if match := WP_NAMESPACE.match(namespace):
        return f"{'excerpt' if match[2] else 'wp'}:{local}"
    prefix = NAMESPACES.get(namespace)
    return f"{prefix}:{local}" if prefix else f"{{{namespace}}}{local}"


class Node:
    """An element of a record, its text kept up to the limit."""

    __slots__ = ("attrs", "children", "name", "parts", "size")

    def __init__(self, name, attrs):
        self.name, self.attrs = name, attrs
        self.parts, self.children, self.size = [], [], 0

    @property
    def text(self):
        return "".join(self.parts)

    def values(self):
        """{name: text} of the simple children (the last one wins), stripped."""
        return {child.name: child.text.strip() for child in self.children}

    def child_text(self, name):
        """A child's unstripped text: content keeps its line breaks."""
        found = [child for child in self.children if child.name == name]
        return found[-1].text if found else ""


class Records(ContentHandler):
    """Builds each record of the channel; finished ones wait in ``ready``."""

    def __init__(self, *, limit):
        super().__init__()
        self.limit, self.depth, self.channel = limit, 0, False
        self.site, self.site_sent = Site(), False
        self.ready, self.open = deque(), []
        self.record_size = self.too_large = 0
        self.namespaces = set()  # of the wp: prefix, for a refusal's message

    def startPrefixMapping(self, prefix, uri):
        if prefix == "wp":
            self.namespaces.add(uri)

    def startElementNS(self, name, qname, attrs):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise BrokenExport(
                f"elements nest more than {MAX_DEPTH} deep (line "
                f"{self._locator.getLineNumber()}); no WordPress export does"
            )
        local = local_name(name)
        if self.depth == 2 and local == "channel":
            self.channel = True
        if self.depth < 3 or not self.channel:
            return
        node = Node(local, {key[1]: value for key, value in attrs.items()})
        if self.open:
            self.open[-1].children.append(node)
        else:
            self.record_size = self.too_large = 0
        self.open.append(node)

    def characters(self, content):
        if not self.open:
            return
        node, size = self.open[-1], len(content)
        node.size += size
        if (
            node.size > self.limit
            or self.record_size + size > self.limit * RECORD_LIMITS
        ):
            # Counted, not kept: the record is handed on as too large.
            self.too_large = max(self.too_large, node.size, self.record_size + size)
            return
        node.parts.append(content)
        self.record_size += size

    def endElementNS(self, name, qname):
        self.depth -= 1
        if self.depth < 2 or not self.open:
            return
        node = self.open.pop()
        if self.depth == 2:
            self.finish(node)

    def finish(self, node):
        if node.name in HEADER:
            setattr(self.site, HEADER[node.name], node.text.strip())
            return
        if node.name not in RECORDS:
            return
        if not self.site_sent:
            self.site_sent = True
            self.ready.append(self.site)
        record = RECORDS[node.name](node)
        if isinstance(record, Item):
            record.too_large = self.too_large
        self.ready.append(record)


HEADER = {
    "title": "title",
    "link": "link",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
    "wp:wxr_version": "wxr_version",
}
RECORDS = {
    "item": read_item,
    "wp:author": read_author,
    "wp:wp_author": read_author,  # WordPress.com, about 2016
    "wp:category": read_term,
    "wp:tag": read_term,
    "wp:term": read_term,
}


class Export:
    """One export file: its Site first, then its Author, Term and Item records."""

    def __init__(self, raw):
        self.reader = CleanReader(raw)
        self.handler = Records(limit=text_limit())

    @property
    def stripped(self):
        """Control characters dropped so far."""
        return self.reader.stripped

    @property
    def namespaces(self):
        """The namespaces the file gave its wp: prefix."""
        return self.handler.namespaces

    def records(self):
        parser = DefusedExpatParser(forbid_dtd=True)
        parser.setFeature(feature_namespaces, True)
        parser.setContentHandler(self.handler)
        self.handler.setDocumentLocator(ExpatLocator(parser))
        while True:
            try:
                chunk = self.reader.read(CHUNK)
            except (OSError, zipfile.BadZipFile, EOFError) as error:
                yield from self._ready(broken=True)
                raise BrokenExport(f"the file could not be read ({error})") from error
            try:
                parser.feed(chunk) if chunk else parser.close()
            except SAXParseException as error:
                yield from self._ready(broken=True)  # what came before the break
                raise BrokenExport(
                    f"not well-formed XML ({error.getMessage()}: line "
                    f"{error.getLineNumber()}, column {error.getColumnNumber()})"
                ) from error
            except BrokenExport:
                yield from self._ready(broken=True)
                raise
            except DefusedXmlException as error:
                yield from self._ready(broken=True)
                raise BrokenExport(f"refused: {error}") from error
            yield from self._ready()
            if not chunk:
                break
        if not self.handler.channel:
            raise BrokenExport("no RSS channel: this is not a WordPress export")
        if not self.handler.site_sent:
            yield self.handler.site

    def _ready(self, *, broken=False):
        if broken and self.handler.channel and not self.handler.site_sent:
            self.handler.site_sent = True
            self.handler.ready.appendleft(self.handler.site)
        while self.handler.ready:
            yield self.handler.ready.popleft()
