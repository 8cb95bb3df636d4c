"""The shortcodes WordPress and WordPress.com ship, expanded as WordPress did.

[caption] becomes a figure; [gallery] its images (those named by ids, else
the post's own attachments); [audio] and [video] players of the files
brought over, or links; [embed] and WordPress.com's provider shortcodes
([youtube], [tweet], [wpvideo]…) link cards. Any other shortcode is left as
text and named in the report.
"""

import html
import re

from wordpress.embeds import PROVIDER_SHORTCODES, link_card, player_or_link, provider_of

MEDIA_EXTENSIONS = ("mp3", "m4a", "ogg", "wav", "mp4", "m4v", "webm", "ogv", "mov")
ENCLOSING = ("caption", "wp_caption", "embed", "audio", "video")
SHORTCODE = re.compile(
    rf"\[({'|'.join(ENCLOSING)})\b([^\]]*)\](?:(.*?)\[/\1\])?"
    rf"|\[(gallery|{'|'.join(PROVIDER_SHORTCODES)})\b([^\]]*)\]",
    re.S,
)
OTHER_SHORTCODE = re.compile(r"\[/?([a-zA-Z][\w-]*)(?=[\s\]/])([^\]\[]*)\]")
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"\]]+))""")
KNOWN = {*ENCLOSING, "gallery", *PROVIDER_SHORTCODES}


def attributes(text):
    return {
        name.lower(): next((value for value in values if value), "")
        for name, *values in ATTRIBUTE.findall(text or "")
    }


def positional(text):
    """The first value without a name: ``[audio https://…/a.mp3]``."""
    rest = ATTRIBUTE.sub("", text or "").split()
    return html.unescape(rest[0]) if rest else ""


def expand_shortcodes(content, *, findings, gallery, media, keep):
    """``gallery(ids)`` gives a gallery's (url, alt) pairs; ``media(url)`` the
    new address of a sound or video, or None; ``keep(html)`` marks HTML to
    pass into the Markdown as it is."""
    shortcodes = Shortcodes(findings=findings, gallery=gallery, media=media, keep=keep)
    content = SHORTCODE.sub(shortcodes.expand, content)
    for match in OTHER_SHORTCODE.finditer(content):
        name, closed = match[1], f"[/{match[1]}]" in content
        opening = not match[0].startswith("[/")
        if opening and name.lower() not in KNOWN and ("=" in match[2] or closed):
            findings.unknown_shortcodes[name] += 1
    return content


class Shortcodes:
    def __init__(self, *, findings, gallery, media, keep):
        self.findings, self.gallery, self.media, self.keep = (
            findings, gallery, media, keep,
        )  # fmt: skip

    def expand(self, match):
        if match[4] == "gallery":
            return self.images(attributes(match[5]))
        if match[4]:
            return self.provider(match[4], match[5])
        name, attrs, inner = match[1], attributes(match[2]), match[3] or ""
        if name in ("caption", "wp_caption"):
            return caption(attrs, inner)
        if name == "embed":
            url = inner.strip() or attrs.get("src", "") or positional(match[2])
            self.findings.embeds[provider_of(url) or "other sites"] += 1
            return self.keep(link_card(url)) if url else ""
        url = (
            attrs.get("src")
            or next((attrs[ext] for ext in MEDIA_EXTENSIONS if attrs.get(ext)), "")
            or positional(match[2])
            or inner.strip()
        )
        return player_or_link(
            name, html.unescape(url), media=self.media, keep=self.keep,
            findings=self.findings,
        )  # fmt: skip

    def images(self, attrs):
        """A gallery: its images, each in its paragraph."""
        ids = [i for i in re.split(r"[\s,]+", attrs.get("ids", "")) if i]
        self.findings.galleries += 1
        return "".join(
            f'<p><img src="{html.escape(url)}" alt="{html.escape(alt)}"></p>'
            for url, alt in self.gallery(ids)
        )

    def provider(self, name, text):
        """[youtube URL], [wpvideo ID]…: a link card."""
        attrs = attributes(text)
        value = attrs.get("url") or attrs.get("id") or positional(text)
        if not value:
            return ""
        url = PROVIDER_SHORTCODES[name].format(value)
        self.findings.embeds[provider_of(url) or name] += 1
        return self.keep(link_card(url, provider=provider_of(url)))


def caption(attrs, inner):
    image = re.search(r"(?:<a [^>]*>)?<img [^>]*>(?:</a>)?", inner, re.S)
    img = image[0] if image else ""
    text = attrs.get("caption") or inner.replace(img, "")
    return f"<figure>{img}<figcaption>{text.strip()}</figcaption></figure>"
