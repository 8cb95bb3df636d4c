"""Markdown to safe HTML, done once when an article is saved.

CommonMark (markdown-it-py) with tables and strikethrough, Pygments
highlighting with CSS classes, heading anchors, and nh3 sanitizing of the
result, so that nothing an editor pastes can run script on a reader's page.
"""

from dataclasses import dataclass

import nh3
from django.utils.html import strip_tags
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

TOC_LEVELS = (2, 3)

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img",
    "kbd", "li", "ol", "p", "pre", "s", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}


@dataclass(frozen=True)
class Rendered:
    html: str
    text: str
    toc: list  # [{"level": 2, "id": "...", "title": "..."}]
    word_count: int


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
    .use(anchors_plugin, min_level=2, max_level=3, permalink=False)
)


def render_markdown(text: str) -> Rendered:
    """Render an article body: sanitized HTML, plain text, outline and length."""
    tokens = _parser.parse(text)
    html = _parser.renderer.render(tokens, _parser.options, {})
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )
    text = strip_tags(clean)
    return Rendered(
        html=clean, text=text, toc=_outline(tokens), word_count=len(text.split())
    )


def _outline(tokens):
    toc = []
    for index, token in enumerate(tokens):
        level = int(token.tag[1:]) if token.type == "heading_open" else 0
        if level in TOC_LEVELS:
            title = "".join(child.content for child in tokens[index + 1].children)
            toc.append({"level": level, "id": token.attrs["id"], "title": title})
    return toc
