"""Markdown to safe HTML, done once when an article is saved.

CommonMark (markdown-it-py) with tables and strikethrough, Pygments
highlighting with CSS classes, heading anchors, images from the media library
as <picture> (``![alt](image:42)``), and nh3 sanitizing of the result, so that
nothing an editor pastes can run script on a reader's page. An image on
another site, which the site's Content-Security-Policy would block, shows as
a placeholder: its alt text, linking to it. Sound and video play from the
site's own files only.
"""

from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

import nh3
from django.utils.html import format_html, strip_tags
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.anchors.index import slugify
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

TOC_LEVELS = (2, 3)
# Heading ids start with "s-" (as on djangoproject.com), so "## Comments"
# cannot take the page's own id="comments". Articles published before kept
# their unprefixed ids, which readers may have linked to: each heading keeps
# one as an empty alias, unless the page itself uses that id.
HEADING_PREFIX = "s-"
PAGE_IDS = {
    "main", "content", "comments", "comments-heading", "respond",
    "respond-heading", "comment-errors", "toc-heading", "search-q",
}  # fmt: skip
ALIGNMENTS = ("left", "center", "right")

ALLOWED_TAGS = {
    "a", "abbr", "audio", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img",
    "kbd", "li", "ol", "p", "picture", "pre", "s", "source", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul", "video",
}  # fmt: skip
# Players whose src must be one of the site's own files.
PLAYERS = ("audio", "video")
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id"},
    "a": {"href", "title"},
    "img": {
        "src",
        "srcset",
        "sizes",
        "alt",
        "title",
        "width",
        "height",
        "loading",
        "decoding",
        "role",
    },
    "source": {"srcset", "sizes", "type"},
    "audio": {"src", "controls", "preload"},
    "video": {"src", "controls", "preload", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}


class ImagePlace(NamedTuple):
    """An image as an editor finds it: by its file's name, on a line of the
    Markdown (None where the parser gives no line)."""

    src: str
    name: str
    line: int | None


@dataclass(frozen=True)
class Rendered:
    html: str
    text: str
    toc: list  # [{"level": 2, "id": "...", "title": "..."}]
    word_count: int
    # Images (ImagePlace) with neither alt text nor the library's
    # "decorative" mark: they stop the article being published.
    unlabelled_images: tuple = ()
    # Ids of library images shown as their originals: no renditions yet.
    waiting_images: tuple = ()


def _highlight(code, lang, _attrs):
    try:
        lexer = get_lexer_by_name(lang or "text")
    except ClassNotFound:
        lexer = get_lexer_by_name("text")
    # Bare spans; markdown-it wraps them in <pre><code class="language-…">.
    return highlight(code, lexer, HtmlFormatter(nowrap=True))


_parser = (
    MarkdownIt("commonmark", {"highlight": _highlight})
    .enable(["table", "strikethrough"])
    .use(
        anchors_plugin,
        min_level=2,
        max_level=3,
        slug_func=lambda title: HEADING_PREFIX + slugify(title),
        permalink=False,
    )
)


def render_markdown(text: str) -> Rendered:
    """Render an article body: sanitized HTML, plain text, outline and length."""
    tokens = _parser.parse(text)
    _alias_old_anchors(tokens)
    _align_with_classes(tokens)
    unlabelled, waiting = _library_images(tokens)
    html = _parser.renderer.render(tokens, _parser.options, {})
    clean = _sanitize(html)
    text = strip_tags(clean)
    return Rendered(
        html=clean,
        text=text,
        toc=_outline(tokens),
        word_count=len(text.split()),
        unlabelled_images=tuple(unlabelled),
        waiting_images=tuple(waiting),
    )


def images_in(text):
    """The image tokens of Markdown ``text``, in order."""
    return [image for _, image in image_tokens(_parser.parse(text))]


def image_tokens(tokens):
    """Every image in parsed Markdown, with the inline token holding it."""
    for token in tokens:
        for child in token.children or ():
            if child.type == "image":
                yield token, child


def with_absolute_urls(html, *, base):
    """Rendered HTML with every link and image address made absolute.

    For readers of the HTML away from the site (feed readers), which resolve
    relative addresses against the feed or not at all. It is sanitized again
    on the way, with the same rules as on save.
    """

    def absolute(_tag, attribute, value):
        if attribute == "srcset":
            return _srcset(value, lambda url: urljoin(base, url))
        return urljoin(base, value) if attribute in ("href", "src") else value

    return _sanitize(html, attribute_filter=absolute)


def _sanitize(html, *, attribute_filter=None):
    def own_sources_only(tag, attribute, value):
        """No srcset may name another site (nh3 checks src, not srcset), nor
        a player's src."""
        if attribute == "srcset":
            value = _srcset(value, lambda url: url if _own(url) else None)
        elif tag in PLAYERS and attribute == "src" and not _own(value):
            value = None
        if value is not None and attribute_filter:
            value = attribute_filter(tag, attribute, value)
        return value

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=own_sources_only,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )


def _own(url):
    return url.startswith("/") and not url.startswith("//")


def _srcset(value, change):
    """A srcset with each address changed, or None if any is refused."""
    candidates = []
    for candidate in value.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        if (changed := change(url)) is None:
            return None
        candidates.append(f"{changed} {descriptor}".strip())
    return ", ".join(candidates)


def _library_images(tokens):
    """Library images become <picture>s; return the images lacking alt text,
    and the ids of those shown as originals until their renditions are made.

    The first image loads at once; the others, most likely below the fold,
    only as the reader nears them. An image alone in its paragraph with a
    caption or credit becomes a <figure>.
    """
    from library.markup import figure, library_id, picture
    from library.models import Image

    found = list(image_tokens(tokens))
    ids = {library_id(image.attrs["src"]) for _, image in found} - {None}
    library = Image.objects.in_bulk(ids) if ids else {}
    unlabelled = []
    waiting = [pk for pk, image in library.items() if not image.rendition_widths]
    lines = _lines(found)
    for position, (inline, token) in enumerate(found):
        src = str(token.attrs["src"])
        alt = _parser.renderer.renderInlineAsText(token.children or [], {}, {})
        number = library_id(src)
        image = library.get(number)
        if number is not None and image is None:  # deleted: never a broken image
            token.type, token.content, token.children = "html_inline", "", None
            continue
        if image is None:
            if not alt.strip():
                name = urlsplit(src).path.rstrip("/").rpartition("/")[2] or src
                unlabelled.append(ImagePlace(src, name, lines[position]))
            if not _own(src):
                token.type, token.children = "html_inline", None
                token.content = elsewhere(src, alt=alt)
            continue
        alt = alt.strip() or image.alt_text
        if not alt and not image.decorative:
            name = image.original_name or f"image {number}"
            unlabelled.append(ImagePlace(src, name, lines[position]))
        alone = inline.children == [token] and (image.caption or image.credit)
        html = (figure if alone else picture)(image, alt=alt, lazy=position > 0)
        token.type, token.content, token.children = "html_inline", html, None
        if alone:
            index = tokens.index(inline)
            tokens[index - 1].hidden = tokens[index + 1].hidden = True
    return unlabelled, waiting


def elsewhere(src, *, alt):
    """An image on another site, as a placeholder: what it shows, linked."""
    name = unquote(urlsplit(src).path.rstrip("/").rpartition("/")[2]) or src
    return format_html(
        '<span class="image-elsewhere">Image: <a href="{}">{}</a></span>',
        src,
        alt.strip() or name,
    )


def _lines(found):
    """The line (from 1) each image is written on, in order."""
    lines, searched_from = [], {}
    for inline, token in found:
        if inline.map is None:
            lines.append(None)
            continue
        start = searched_from.get(id(inline), 0)
        at = inline.content.find(str(token.attrs["src"]), start)
        searched_from[id(inline)] = at + 1 if at >= 0 else start
        lines.append(inline.map[0] + 1 + inline.content.count("\n", 0, max(at, 0)))
    return lines


def _alias_old_anchors(tokens):
    for index, token in enumerate(tokens):
        old_id = token.attrs.get("id", "").removeprefix(HEADING_PREFIX)
        if token.type == "heading_open" and old_id and old_id not in PAGE_IDS:
            alias = Token("html_inline", "", 0, content=f'<span id="{old_id}"></span>')
            tokens[index + 1].children.insert(0, alias)


def _align_with_classes(tokens):
    """Table column alignment as classes: the strict CSP allows no style=""."""
    for token in tokens:
        if token.type in ("th_open", "td_open") and "style" in token.attrs:
            align = str(token.attrs.pop("style")).removeprefix("text-align:")
            if align in ALIGNMENTS:
                token.attrs["class"] = f"align-{align}"


def _outline(tokens):
    toc = []
    for index, token in enumerate(tokens):
        level = int(token.tag[1:]) if token.type == "heading_open" else 0
        if level in TOC_LEVELS:
            children = tokens[index + 1].children
            title = "".join(c.content for c in children if c.type != "html_inline")
            toc.append({"level": level, "id": token.attrs["id"], "title": title})
    return toc
