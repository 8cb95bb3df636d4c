"""WordPress post content to the site's Markdown.

In order: block comments are removed (dynamic blocks, which WordPress
renders at view time and the export holds no HTML for, are named for the
report); the shortcodes WordPress ships (caption, gallery, embed, audio,
video) are expanded; classic content gets WordPress's paragraph rules
(wpautop); images become the media library's (``image:N``, their captions
left to the library where it shows the same one); links are pointed at
their new addresses; the HTML is sanitised with nh3 and turned into
Markdown with markdownify.
"""

import html
import re
from collections import Counter
from dataclasses import dataclass, field

import nh3
from django.utils.html import strip_tags
from django.utils.text import Truncator
from markdownify import markdownify

from publishing.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

SUMMARY_LENGTH = 300
BLOCK_COMMENT = re.compile(r"<!--\s*(/?)wp:([a-z0-9/-]+)(\s+\{.*?\})?\s*(/?)-->", re.S)
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|"
    "pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|"
    "section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|"
    "menu|summary"
)
KNOWN_SHORTCODES = ("caption", "wp_caption", "gallery", "embed", "audio", "video")
SHORTCODE = re.compile(
    r"\[(caption|wp_caption|embed|audio|video)\b([^\]]*)\](?:(.*?)\[/\1\])?"
    r"|\[(gallery)\b([^\]]*)\]",
    re.S,
)
OTHER_SHORTCODE = re.compile(r"\[/?([a-zA-Z][\w-]*)(?=[\s\]/])([^\]\[]*)\]")
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"\]]+))""")
URL_ATTRIBUTE = re.compile(r"""\b(href|src)\s*=\s*(["'])(.*?)\2""", re.S | re.I)
IMAGE_OR_FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>|<img\b[^>]*>", re.S | re.I)
IMG = re.compile(r"<img\b[^>]*>", re.I)
IMG_SRC = re.compile(r"""(\ssrc\s*=\s*)(["'])(.*?)\2""", re.S | re.I)
FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.S | re.I)
# Images may name library images by id, image:42, as the site's Markdown does.
URL_SCHEMES = nh3.ALLOWED_URL_SCHEMES | {"image"}
MEDIA_EXTENSIONS = ("mp3", "m4a", "ogg", "wav", "mp4", "m4v", "webm", "ogv", "mov")


@dataclass
class Findings:
    """What converting content met that the report should name."""

    dynamic_blocks: Counter = field(default_factory=Counter)
    unknown_shortcodes: Counter = field(default_factory=Counter)


def to_markdown(content, *, findings, rewrite_url, gallery, image):
    """The Markdown for a post's content.

    ``rewrite_url(url)`` gives the new address for an old one (or the URL
    unchanged); ``gallery(ids)`` the image URLs of a gallery (ids may be
    empty: the post's own attachments); ``image(src, alt=, caption=)`` an
    image's new address and whether it shows that caption itself.
    """
    is_blocks = "<!-- wp:" in content
    content = remove_blocks(content, findings=findings)
    content = expand_shortcodes(content, findings=findings, gallery=gallery)
    if not is_blocks:
        content = autop(content)
    content = rewrite_images(content, image=image)
    content = URL_ATTRIBUTE.sub(
        lambda m: f'{m[1]}="{html.escape(rewrite_url(html.unescape(m[3])))}"', content
    )
    return html_to_markdown(content)


def html_to_markdown(content):
    clean = nh3.clean(
        content,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        link_rel=None,
        url_schemes=URL_SCHEMES,
    )
    # Markdown has no figure: the caption becomes an italic line below.
    clean = re.sub(
        r"<figcaption[^>]*>(.*?)</figcaption>", r"<p><em>\1</em></p>", clean, flags=re.S
    )
    markdown = markdownify(clean, heading_style="ATX", bullets="-")
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


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
        words = " ".join(plain_text(caption[1]).split())
        tag, shows_caption = one(images[0], words)
        text = text.replace(images[0], tag)
        if shows_caption and not re.search(r"<a\s", text, re.I):
            text = FIGCAPTION.sub("", text)
        return text

    return IMAGE_OR_FIGURE.sub(rewrite, content)


def remove_blocks(content, *, findings):
    for match in BLOCK_COMMENT.finditer(content):
        if match[4]:  # self-closing: WordPress renders it when the page is viewed
            findings.dynamic_blocks[match[2]] += 1
    return BLOCK_COMMENT.sub("", content)


def attributes(text):
    return {
        name.lower(): next((value for value in values if value), "")
        for name, *values in ATTRIBUTE.findall(text or "")
    }


def expand_shortcodes(content, *, findings, gallery):
    def expand(match):
        if match[4]:
            ids = [
                i for i in re.split(r"[\s,]+", attributes(match[5]).get("ids", "")) if i
            ]
            images = "".join(
                f'<img src="{html.escape(url)}" alt="">' for url in gallery(ids)
            )
            return f"<p>{images}</p>" if images else ""
        name, attrs, inner = match[1], attributes(match[2]), match[3] or ""
        if name in ("caption", "wp_caption"):
            image = re.search(r"(?:<a [^>]*>)?<img [^>]*>(?:</a>)?", inner, re.S)
            img = image[0] if image else ""
            caption = attrs.get("caption") or inner.replace(img, "")
            return f"<figure>{img}<figcaption>{caption.strip()}</figcaption></figure>"
        if name == "embed":
            url = inner.strip() or attrs.get("src", "")
            return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'
        url = attrs.get("src") or next(
            (attrs[ext] for ext in MEDIA_EXTENSIONS if attrs.get(ext)), inner.strip()
        )
        label = "Listen" if name == "audio" else "Watch"
        return f'<p><a href="{html.escape(url)}">{label}: {html.escape(url)}</a></p>'

    content = SHORTCODE.sub(expand, content)
    for match in OTHER_SHORTCODE.finditer(content):
        name, closed = match[1], f"[/{match[1]}]" in content
        opening = not match[0].startswith("[/")
        if (
            opening
            and name.lower() not in KNOWN_SHORTCODES
            and ("=" in match[2] or closed)
        ):
            findings.unknown_shortcodes[name] += 1
    return content


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
    text = re.sub(r"\[/?[a-zA-Z][\w-]*[^\]]*\]", "", text)  # shortcodes
    return html.unescape(strip_tags(text))


def summary_of(*, excerpt, content):
    """The excerpt, or the opening of the text, within the summary's length."""
    text = " ".join(plain_text(excerpt or content).split())
    return Truncator(text).chars(SUMMARY_LENGTH - 10)


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
