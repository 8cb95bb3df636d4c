"""A commenter's text as HTML: a small Markdown set, through the sanitiser.

Paragraphs and line breaks, links (bare addresses become links too),
emphasis, code and quotes. No headings, lists, images or HTML of the
commenter's own: those show as the characters typed. What markdown-it
makes is cleaned by nh3 down to those few tags, and every link gets
rel="nofollow ugc noopener", so nothing a commenter writes runs, loads or
vouches for anything. Invisible characters show as their code points
(comments/text.py).
"""

import nh3
from django.utils.html import urlize
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

from comments.text import visible

TAGS = {"p", "br", "a", "em", "strong", "code", "pre", "blockquote"}
NOT_FOR_COMMENTS = [
    "heading", "lheading", "hr", "list", "html_block", "html_inline", "image",
]  # fmt: skip
URL_LENGTH = 60  # longer addresses are shortened on the page, not in the link


def _as_typed(state):
    """Text as typed: invisible characters written out (also those typed as
    entities, decoded by now), and addresses typed without Markdown made
    links, as in plain text."""
    for block in state.tokens:
        if block.type in ("fence", "code_block"):
            block.content = visible(block.content)
        if block.type != "inline":
            continue
        children, in_link = [], 0
        for token in block.children:
            in_link += {"link_open": 1, "link_close": -1}.get(token.type, 0)
            if token.type in ("text", "code_inline"):
                token.content = visible(token.content)
            if token.type == "text" and not in_link:
                token = _linked(token)
            children.append(token)
        block.children = children


def _linked(token):
    linked = urlize(
        token.content, trim_url_limit=URL_LENGTH, nofollow=True, autoescape=True
    )
    if "<a " not in linked:
        return token
    return Token("html_inline", "", 0, content=linked)


_parser = MarkdownIt("commonmark", {"html": False, "breaks": True}).disable(
    NOT_FOR_COMMENTS
)
_parser.core.ruler.push("as_typed", _as_typed)


def _href_only(tag, attribute, value):
    """nh3 would keep title and lang on any tag: a comment's links keep only
    where they lead, and the rel nh3 gives them."""
    return value if attribute in ("href", "rel") else None


def render_body(text):
    """The comment as safe HTML."""
    html = _parser.render(text)
    return mark_safe(  # noqa: S308 - sanitised to the tags above
        nh3.clean(
            html,
            tags=TAGS,
            attributes={"a": {"href"}},
            attribute_filter=_href_only,
            url_schemes={"http", "https", "mailto"},
            link_rel="nofollow ugc noopener",
        ).strip()
    )
