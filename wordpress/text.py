"""The words of a post: paragraphs, plain text, its title and summary, and
its comments.

A summary is the post's own excerpt, or its first paragraph: never headings
and list items run together, and cut at a word, never in one.
"""

import html
import re

from django.utils.html import strip_tags

SUMMARY_LENGTH = 300
TITLE_WORDS_LENGTH = 60
BLOCK_COMMENT = re.compile(r"<!--\s*(/?)wp:([a-z0-9/-]+)(\s+\{.*?\})?\s*(/?)-->", re.S)
SHORTCODE_TAG = re.compile(r"\[/?[a-zA-Z][\w-]*[^\]]*\]")
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|"
    "pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|"
    "section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|"
    "menu|summary|audio|video"
)
SENTENCE_WORDS = 3
LONE_URL = re.compile(r"^\S+://\S+$")
PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S | re.I)
# Tags that make a comment more than paragraphs of text with links.
RICH_COMMENT = re.compile(
    r"<(?:ul|ol|li|dl|dt|dd|em|strong|b|i|sub|sup|code|pre|blockquote|del|ins|"
    r"abbr|cite|q|s)\b",
    re.I,
)


def autop(text):
    """WordPress's wpautop: blank lines make paragraphs, single line breaks <br>."""
    if not text.strip():
        return ""
    kept = []

    def keep(match):
        kept.append(match[0])
        return f"<pre-kept-{len(kept) - 1}>"

    text = re.sub(r"<pre[\s>].*?</pre>", keep, text + "\n", flags=re.S | re.I)
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(rf"(<(?:{BLOCK_TAGS}|pre-kept-\d+)[\s/>])", r"\n\n\1", text)
    text = re.sub(rf"(</(?:{BLOCK_TAGS})>)", r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    text = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    block = rf"</?(?:{BLOCK_TAGS})[^>]*>|<pre-kept-\d+>"
    text = re.sub(rf"<p>\s*({block})", r"\1", text)
    text = re.sub(rf"({block})\s*</p>", r"\1", text)
    text = re.sub(r"(?<!<br />)\s*\n(?!$)", "<br />\n", text)
    text = re.sub(rf"({block})\s*<br />", r"\1", text)
    text = re.sub(
        r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text
    )
    return re.sub(r"<pre-kept-(\d+)>", lambda m: kept[int(m[1])], text)


def plain_text(content):
    """Readable text of some HTML: tags gone, entities decoded, spaces tidied."""
    text = re.sub(r"<br\s*/?>|</p>|</li>|</h\d>", "\n", content, flags=re.I)
    text = BLOCK_COMMENT.sub("", text)
    text = SHORTCODE_TAG.sub("", text)
    return " ".join(html.unescape(strip_tags(text)).split())


def cut_at_word(text, limit):
    """The text if it fits, else its words up to ``limit`` characters and "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


def first_paragraph(content):
    """The text of a post's first paragraph that reads as a sentence (a few
    words, not a lone address); else its first text of any kind."""
    content = BLOCK_COMMENT.sub("", content)
    if not re.search(r"<p[\s>]", content, re.I):
        content = autop(content)
    texts = [plain_text(match[1]) for match in PARAGRAPH.finditer(content)]
    for text in texts:
        if len(text.split()) >= SENTENCE_WORDS and not LONE_URL.match(text):
            return text
    return next((text for text in texts if text), plain_text(content))


def summary_of(*, excerpt, content):
    """The excerpt, or else the first paragraph, cut at a word."""
    text = plain_text(excerpt) or first_paragraph(content)
    return cut_at_word(text, SUMMARY_LENGTH)


def title_of(title, *, content, limit=200):
    """A title as readers see it: tags and entities gone. A post without one
    is titled from its first words."""
    text = plain_text(html.unescape(title))
    if text:
        return cut_at_word(text, limit)
    return cut_at_word(first_paragraph(content), TITLE_WORDS_LENGTH)


def comment_text(content):
    """A comment's HTML as the plain text comments are stored in, links kept."""

    def link(match):
        url, label = html.unescape(match[1]), strip_tags(match[2]).strip()
        return url if label in ("", url) else f"{label} ({url})"

    content = re.sub(
        r"""<a\s[^>]*href=["']([^"']*)["'][^>]*>(.*?)</a>""",
        link,
        content,
        flags=re.S | re.I,
    )
    text = re.sub(r"<br\s*/?>", "\n", content, flags=re.I)
    text = re.sub(r"</p>\s*", "\n\n", text, flags=re.I)
    return html.unescape(strip_tags(text)).strip()


def comment_body(content):
    """(body, is_html): a comment with lists or emphasis keeps its HTML, which
    the comment sanitiser cleans on display; others become plain text."""
    if RICH_COMMENT.search(content):
        return autop(content).strip(), True
    return comment_text(content), False
