"""WordPress post content to the site's Markdown.

In order: block comments are removed (dynamic blocks, which WordPress
renders at view time and the export holds no HTML for, are named for the
report); shortcodes are expanded (shortcodes.py); embeds become link cards
and sound and video players (embeds.py); classic content gets WordPress's
paragraph rules (wpautop); images become the media library's (``image:N``,
their captions left to the library where it shows the same one); links are
pointed at their new addresses; the HTML is sanitised with nh3 and turned
into Markdown with markdownify. Cards and players pass into the Markdown as
HTML, which the site's Markdown renderer sanitises again.
"""

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3
from markdownify import markdownify

from publishing.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from wordpress.embeds import bare_urls, block_embeds, players
from wordpress.shortcodes import attributes, expand_shortcodes
from wordpress.text import BLOCK_COMMENT, autop, plain_text

URL_ATTRIBUTE = re.compile(r"""\b(href|src)\s*=\s*(["'])(.*?)\2""", re.S | re.I)
IMAGE_OR_FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>|<img\b[^>]*>", re.S | re.I)
IMG = re.compile(r"<img\b[^>]*>", re.I)
LINKED_IMAGE = re.compile(r"<a\b[^>]*>\s*(<img\b[^>]*>)\s*</a>", re.I)
IMG_SRC = re.compile(r"""(\ssrc\s*=\s*)(["'])(.*?)\2""", re.S | re.I)
FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.S | re.I)
# Images may name library images by id, image:42, as the site's Markdown does.
URL_SCHEMES = nh3.ALLOWED_URL_SCHEMES | {"image"}
# Deeper than this, HTML is not a post but an attack on the converter.
MAX_DEPTH = 100
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "wbr"}
KEPT = "\ue000{}\ue001"
KEPT_MARK = re.compile("\ue000(\\d+)\ue001")


class TooDeep(ValueError):
    """The HTML nests deeper than MAX_DEPTH."""


@dataclass
class Findings:
    """What converting content met that the report should name."""

    dynamic_blocks: Counter = field(default_factory=Counter)
    unknown_shortcodes: Counter = field(default_factory=Counter)
    embeds: Counter = field(default_factory=Counter)  # provider → link cards
    players: Counter = field(default_factory=Counter)  # audio/video → count
    galleries: int = 0


class Kept:
    """HTML passed into the Markdown as it is (cards, players)."""

    def __init__(self):
        self.parts = []

    def __call__(self, html):
        self.parts.append(str(html))
        return f"<p>{KEPT.format(len(self.parts) - 1)}</p>"

    def put_back(self, markdown):
        return KEPT_MARK.sub(lambda m: self.parts[int(m[1])], markdown)


def to_markdown(content, *, findings, rewrite_url, gallery, image, media):
    """The Markdown for a post's content.

    ``rewrite_url(url)`` gives the new address for an old one (or the URL
    unchanged); ``gallery(ids)`` the (url, alt) of a gallery's images (ids
    may be empty: the post's own attachments); ``image(src, alt=,
    caption=)`` an image's new address and whether it shows that caption
    itself; ``media(url)`` a sound or video's new address, or None.
    """
    kept = Kept()
    is_blocks = "<!-- wp:" in content
    content = remove_blocks(content, findings=findings)
    content = expand_shortcodes(
        content, findings=findings, gallery=gallery, media=media, keep=kept
    )
    content = block_embeds(content, keep=kept, findings=findings)
    content = players(content, media=media, keep=kept, findings=findings)
    if not is_blocks:
        content = autop(bare_urls(content, keep=kept, findings=findings))
    content = unlink_placeholders(rewrite_images(content, image=image))
    content = URL_ATTRIBUTE.sub(
        lambda m: f'{m[1]}="{html.escape(rewrite_url(html.unescape(m[3])))}"', content
    )
    return kept.put_back(html_to_markdown(content))


def html_to_markdown(content):
    clean = nh3.clean(
        content,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        link_rel=None,
        url_schemes=URL_SCHEMES,
    )
    if (depth := depth_of(clean)) > MAX_DEPTH:
        raise TooDeep(
            f"its HTML nests {depth} elements deep, more than the {MAX_DEPTH} "
            "a post can have here"
        )
    # Markdown has no figure: the caption becomes an italic line below.
    clean = re.sub(
        r"<figcaption[^>]*>(.*?)</figcaption>", r"<p><em>\1</em></p>", clean, flags=re.S
    )
    markdown = markdownify(clean, heading_style="ATX", bullets="-")
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


class _Depth(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.depth = max(0, self.depth - 1)


def depth_of(html):
    """How deep the elements of (well-formed) HTML nest."""
    parser = _Depth()
    parser.feed(html)
    parser.close()
    return parser.deepest


def rewrite_images(content, *, image):
    """Each <img> given its new address; a figure's caption is left out where
    the image shows it itself (a library image with that caption, not
    inside a link)."""

    def one(tag, caption=""):
        attrs = attributes(tag[4:])
        src, alt = (
            html.unescape(attrs.get("src", "")),
            html.unescape(attrs.get("alt", "")),
        )
        new, shows_caption = image(src, alt=alt, caption=caption)
        if new != src:
            tag = IMG_SRC.sub(lambda m: f'{m[1]}"{html.escape(new)}"', tag, count=1)
        return tag, shows_caption

    def rewrite(match):
        text = match[0]
        if not text.lower().startswith("<figure"):
            return one(text)[0]
        images, caption = IMG.findall(text), FIGCAPTION.search(text)
        if len(images) != 1 or not caption:
            return IMG.sub(lambda m: one(m[0])[0], text)
        tag, shows_caption = one(images[0], plain_text(caption[1]))
        text = text.replace(images[0], tag)
        if shows_caption and not re.search(r"<a\s", text, re.I):
            text = FIGCAPTION.sub("", text)
        return text

    return IMAGE_OR_FIGURE.sub(rewrite, content)


def unlink_placeholders(content):
    """An image left on another site shows as a placeholder that links to it:
    a link around it would nest one link in another, so it goes."""

    def unwrap(match):
        src = IMG_SRC.search(match[1])
        local = (
            src and src[3].startswith(("image:", "/")) and not src[3].startswith("//")
        )
        return match[0] if local else match[1]

    return LINKED_IMAGE.sub(unwrap, content)


def remove_blocks(content, *, findings):
    for match in BLOCK_COMMENT.finditer(content):
        if match[4]:  # self-closing: WordPress renders it when the page is viewed
            findings.dynamic_blocks[match[2]] += 1
    return BLOCK_COMMENT.sub("", content)
