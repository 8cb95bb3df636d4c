"""SEO checks an editor sees before publishing, and `manage.py seo_audit` prints.

Each check gives a pass or a warning with a plain explanation. Which warnings
stop publishing is a setting (SEO_BLOCKING_CHECKS: by default the accessibility
checks, alt text, heading order and link text).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from seo.conf import settings
from seo.jsonld import build_graph, validate_graph
from seo.meta import PageMeta

TITLE_RANGE = (30, 60)
DESCRIPTION_RANGE = (120, 156)
THIN_CONTENT_WORDS = 300
# Alt text that names a file, or says only that there is an image.
FILENAME_ALT = re.compile(
    r"(\S+\.(avif|gif|jpe?g|png|svg|webp)|(img|dsc|pxl|screenshot)[-_ ]?\d*"
    r"|image|picture|photo|screenshot)",
    re.IGNORECASE,
)
# Link text that says nothing of where the link goes, out of context.
VAGUE_LINK_TEXT = {
    "click here", "here", "link", "this", "this link", "more", "read more",
    "click", "this page", "go", "learn more", "see here",
}  # fmt: skip


@dataclass(frozen=True)
class Subject:
    """A page to audit, described by the app that owns it."""

    meta: PageMeta
    body_html: str
    word_count: int
    other_titles: frozenset = frozenset()
    other_descriptions: frozenset = frozenset()
    is_public_path: Callable[[str], bool] = field(default=lambda path: True)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    message: str

    @property
    def blocks_publishing(self):
        return not self.ok and self.name in settings.SEO_BLOCKING_CHECKS


def audit(subject):
    body = _BodyScanner.scan(subject.body_html)
    return [
        _length("title_length", "Title", subject.meta.title, TITLE_RANGE),
        _length(
            "description_length",
            "Description",
            subject.meta.description,
            DESCRIPTION_RANGE,
        ),
        _unique("duplicate_title", "title", subject.meta.title, subject.other_titles),
        _unique(
            "duplicate_description",
            "description",
            subject.meta.description,
            subject.other_descriptions,
        ),
        _alt_text(body),
        _heading_order(body),
        _link_text(body),
        _unpublished_links(body, subject.is_public_path),
        _thin_content(subject.word_count),
        _structured_data(subject.meta),
    ]


def _length(name, label, text, bounds):
    low, high = bounds
    size = len(text)
    if low <= size <= high:
        return Check(name, True, f"{label} is {size} characters (aim {low}–{high}).")
    advice = "longer" if size < low else "shorter"
    return Check(
        name,
        False,
        f"{label} is {size} characters; make it {advice} (aim {low}–{high}).",
    )


def _unique(name, label, text, others):
    if text.strip().casefold() in {other.strip().casefold() for other in others}:
        return Check(name, False, f"Another article has the same {label}.")
    return Check(name, True, f"No other article has this {label}.")


def _alt_text(body):
    missing = [src for src, alt in body.images if not (alt or "").strip()]
    if missing:
        return Check(
            "image_alt",
            False,
            f"{len(missing)} image(s) without alt text: {missing[0]}",
        )
    filenames = [alt for _, alt in body.images if FILENAME_ALT.fullmatch(alt.strip())]
    if filenames:
        return Check(
            "image_alt",
            False,
            f"Alt text “{filenames[0]}” names a file or only says there is an "
            "image: describe what it shows.",
        )
    return Check("image_alt", True, f"All {len(body.images)} image(s) have alt text.")


def _link_text(body):
    vague = [
        text
        for text in body.link_texts
        if " ".join(text.split()).strip(".!:…").casefold() in VAGUE_LINK_TEXT
    ]
    if vague:
        return Check(
            "link_text",
            False,
            f"A link says “{vague[0].strip()}”: say where it goes instead.",
        )
    return Check("link_text", True, "Every link says where it goes.")


def _heading_order(body):
    # The page's title is its one h1, so the body starts at h2.
    if 1 in body.headings:
        return Check("headings", False, "The body has an h1; the title is the h1.")
    level = 1
    for heading in body.headings:
        if heading > level + 1:
            return Check(
                "headings",
                False,
                f"An h{heading} follows an h{level}: a level is skipped.",
            )
        level = heading
    return Check("headings", True, "Headings go down one level at a time.")


def _unpublished_links(body, is_public_path):
    broken = [href for href in body.internal_links if not is_public_path(href)]
    if broken:
        return Check(
            "unpublished_links",
            False,
            f"Links to pages readers cannot see: {broken[0]}",
        )
    return Check("unpublished_links", True, "Every internal link is public.")


def _thin_content(words):
    if words < THIN_CONTENT_WORDS:
        return Check(
            "thin_content", False, f"Only {words} words; aim for {THIN_CONTENT_WORDS}+."
        )
    return Check("thin_content", True, f"{words} words.")


def _structured_data(meta):
    problems = validate_graph(build_graph(meta))
    if problems:
        return Check("jsonld", False, "Structured data: " + "; ".join(problems))
    return Check("jsonld", True, "Structured data has what Google asks for.")


class _BodyScanner(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.headings, self.internal_links = [], [], []
        self.link_texts, self._link_text = [], None

    @classmethod
    def scan(cls, html):
        scanner = cls()
        scanner.feed(html)
        return scanner

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img" and attrs.get("role") != "presentation":  # decorative
            self.images.append((attrs.get("src", ""), attrs.get("alt")))
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "a":
            self._link_text = []
            href = attrs.get("href") or ""
            site = settings.SITE_URL
            if href.startswith(site):
                href = href[len(site) :] or "/"
            if href.startswith("/"):
                self.internal_links.append(href.split("#")[0].split("?")[0])

    def handle_data(self, data):
        if self._link_text is not None:
            self._link_text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._link_text is not None:
            self.link_texts.append("".join(self._link_text))
            self._link_text = None
