"""What WordPress showed from elsewhere, as this site shows it.

An embed (a YouTube video, a post on X…) becomes a link card naming its
provider: the reader's browser asks nothing of the third party until the
reader follows the link. Sound and video the import brought over become
players of the site's own files; those it could not bring become links.
"""

import html
import re
from urllib.parse import unquote, urlsplit

from django.utils.html import format_html

from wordpress.text import plain_text

# Host (or its last labels) → the provider's name, as readers know it.
PROVIDERS = {
    "youtube.com": "YouTube", "youtu.be": "YouTube", "vimeo.com": "Vimeo",
    "twitter.com": "X (Twitter)", "x.com": "X (Twitter)",
    "instagram.com": "Instagram", "facebook.com": "Facebook",
    "wordpress.tv": "WordPress.tv", "videopress.com": "VideoPress",
    "flickr.com": "Flickr", "flic.kr": "Flickr", "soundcloud.com": "SoundCloud",
    "spotify.com": "Spotify", "ted.com": "TED", "tiktok.com": "TikTok",
    "reddit.com": "Reddit", "slideshare.net": "SlideShare",
    "dailymotion.com": "Dailymotion", "imgur.com": "Imgur",
    "tumblr.com": "Tumblr", "mixcloud.com": "Mixcloud",
    "speakerdeck.com": "Speaker Deck", "pinterest.com": "Pinterest",
    "bsky.app": "Bluesky", "wordpress.com": "WordPress.com",
    "kickstarter.com": "Kickstarter", "issuu.com": "Issuu", "scribd.com": "Scribd",
    "animoto.com": "Animoto", "cloudup.com": "Cloudup",
    "crowdsignal.com": "Crowdsignal",
}  # fmt: skip
# WordPress.com shortcodes that embed from one provider: how the id becomes a URL.
PROVIDER_SHORTCODES = {
    "youtube": "{}",
    "tweet": "{}",
    "vimeo": "https://vimeo.com/{}",
    "wpvideo": "https://videopress.com/v/{}",
    "soundcloud": "{}",
    "instagram": "{}",
    "flickr": "{}",
    "dailymotion": "https://www.dailymotion.com/video/{}",
    "ted": "{}",
    "spotify": "{}",
}
BLOCK_EMBED = re.compile(
    r"<figure\b[^>]*\bwp-block-embed\b[^>]*>\s*<div\b[^>]*>\s*(\S+?)\s*</div>"
    r"(?:\s*<figcaption\b[^>]*>(.*?)</figcaption>)?\s*</figure>",
    re.S | re.I,
)
# A URL alone on its line: WordPress embeds it, or shows it as text.
BARE_URL = re.compile(r"^[ \t]*(https?://[^\s<>\"']+)[ \t]*$", re.M)
PLAYER = re.compile(r"<(audio|video)\b([^>]*)>(.*?)</\1>", re.S | re.I)
SOURCE = re.compile(r"""<source\b[^>]*\bsrc\s*=\s*["']([^"']+)["']""", re.I)
SRC = re.compile(r"""\bsrc\s*=\s*["']([^"']+)["']""", re.I)


def provider_of(url):
    """The provider's name for an embed address, or None if none is known."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    labels = host.split(".")
    for count in (3, 2):
        if (name := PROVIDERS.get(".".join(labels[-count:]))) is not None:
            return name
    return None


def readable(url):
    """An address as a reader reads it: no scheme, no trailing slash."""
    parts = urlsplit(url)
    text = unquote(f"{parts.netloc}{parts.path}".rstrip("/"))
    return f"{text}?{parts.query}" if parts.query else text


def link_card(url, *, provider=None, caption=""):
    """A card linking to an embed, named after its provider."""
    name = provider or provider_of(url) or (urlsplit(url).hostname or url)
    figcaption = format_html("<figcaption>{}</figcaption>", caption) if caption else ""
    return format_html(
        '<figure class="link-card"><a href="{}"><strong>{}</strong> {}</a>{}</figure>',
        url,
        name,
        readable(url),
        figcaption,
    )


def player(kind, url, *, caption=""):
    """An <audio> or <video> of one of the site's own files."""
    figcaption = format_html("<figcaption>{}</figcaption>", caption) if caption else ""
    return format_html(
        '<figure class="player"><{0} controls preload="none" src="{1}"></{0}>'
        "{2}</figure>",
        kind,
        url,
        figcaption,
    )


def media_link(kind, url):
    """A sound or video the import could not bring over: a link to it."""
    label = "Listen" if kind == "audio" else "Watch"
    name = unquote(urlsplit(url).path.rstrip("/").rpartition("/")[2]) or url
    return format_html('<p><a href="{}">{}: {}</a></p>', url, label, name)


def player_or_link(kind, url, *, media, keep, findings, caption=""):
    """The player of the file brought over, or a link to where it was."""
    if not url:
        return ""
    new = media(url)
    if new is None:
        findings.players[f"{kind} linked"] += 1
        return str(media_link(kind, url))
    findings.players[f"{kind} player"] += 1
    return keep(player(kind, new, caption=caption))


def block_embeds(content, *, keep, findings):
    """Block-editor embeds (figure.wp-block-embed) as link cards."""

    def card(match):
        url = html.unescape(match[1])
        findings.embeds[provider_of(url) or "other sites"] += 1
        return keep(link_card(url, caption=plain_text(match[2] or "")))

    return BLOCK_EMBED.sub(card, content)


def bare_urls(content, *, keep, findings):
    """Classic content: a URL alone on its line is an embed when WordPress
    knew its provider (a card), else a plain link."""

    def card(match):
        url = html.unescape(match[1])
        if provider_of(url) is None:
            return str(format_html('<a href="{}">{}</a>', url, readable(url)))
        findings.embeds[provider_of(url)] += 1
        return keep(link_card(url))

    return BARE_URL.sub(card, content)


def players(content, *, media, keep, findings):
    """<audio> and <video> (block editor) play the file brought over."""

    def play(match):
        kind = match[1].lower()
        found = SRC.search(match[2]) or SOURCE.search(match[3])
        url = html.unescape(found[1]) if found else ""
        return player_or_link(kind, url, media=media, keep=keep, findings=findings)

    return PLAYER.sub(play, content)
