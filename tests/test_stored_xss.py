"""Script in anything a reader or an editor writes is shown, never run.

Pages are parsed as a browser reads them (html.parser) and searched for what
could run: scripts other than the site's own, event-handler attributes,
script URLs, and elements that embed other documents or code.
"""

import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from comments.counts import recount
from comments.models import Comment, Status
from tests.factories import ArticleFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('script')</script>",
    '"><img src=x onerror=alert("img")>',
    "'><svg onload=alert('svg')>",
    "</script><script>alert('breakout')</script>",
    "\" autofocus onfocus=\"alert('attribute')",
    "' onmouseover='alert(1)' x='",
    "javascript:alert('url')",
    "[link](javascript:alert('markdown'))",
    "[link](JaVaScRiPt:alert('case'))",
    "[link](<javascript:alert('angle')>)",
    "[link](jav&#x61;script:alert('entity'))",
    "[link][ref]\n\n[ref]: javascript:alert('reference')",
    "![image](javascript:alert('image'))",
    '![x](https://example.org/x.png "title" onerror="alert(1)")',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<a href=\"javascript&colon;alert('colon')\">link</a>",
    "&lt;script&gt;alert('escaped')&lt;/script&gt;",
    "&#60;img src=x onerror=alert('numeric')&#62;",
    "<iframe src=\"javascript:alert('frame')\"></iframe>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')>",
    "<!--><img src=x onerror=alert('comment')>-->",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    "https://example.org/\"><script>alert('urlize')</script>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
]
# What a website field accepts (an http or https address) can still try to
# break out of the attribute it is placed in.
WEBSITES = [
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/'><script>alert(1)</script>",
    'https://example.org/"><svg/onload=alert(1)>',
    "https://example.org/?a=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
EMBEDDING = {"iframe", "frame", "object", "embed", "applet", "base", "svg", "math"}


class ActiveContent(HTMLParser):
    """Everything in a page that could run, as (element, detail) pairs."""

    def __init__(self):
        super().__init__()
        self.found, self._script = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                self.found.append((tag, f"{name}={value}"))
            # Browsers ignore control characters and spaces in a scheme.
            url = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name in URL_ATTRIBUTES and url.startswith(SCRIPT_SCHEMES):
                self.found.append((tag, f"{name}={value}"))
        if tag in EMBEDDING or tag == "style":
            self.found.append((tag, ""))
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.found.append((tag, attrs.get("content", "")))
        if tag == "script":
            self._script = (attrs, [])

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            attrs, text = self._script
            self._script = None
            if not _own_script(attrs, "".join(text)):
                self.found.append(("script", "".join(text)[:80]))


def _own_script(attrs, text):
    """The site's own scripts: its static files and its JSON-LD graph."""
    if attrs.get("src", "").startswith("/static/") and not text.strip():
        return True
    if attrs.get("type") == "application/ld+json":
        json.loads(text)  # the whole graph, not cut short by what it holds
        return True
    return False


def active_content(html):
    parser = ActiveContent()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_checker_finds_each_kind_of_active_content():
    html = (
        "<script>alert(1)</script><img src=x onerror=alert(1)>"
        '<a href=" JaVa\tscript:alert(1)">x</a><svg></svg>'
        '<script type="application/ld+json">{"a": 1}</script>'
        '<script src="/static/js/comments.js"></script>'
    )

    assert [element for element, _ in active_content(html)] == [
        "script", "img", "a", "svg",
    ]  # fmt: skip


@pytest.fixture
def commented_article(client, comment_data, settings):
    """An article under which every payload was posted and then approved."""
    settings.COMMENTS_RATE_LIMIT = 1000
    article = ArticleFactory()
    url = f"{article.get_absolute_url()}comments/"
    for number, payload in enumerate(PAYLOADS):
        # Names are one line (a line break is refused): the payload's words.
        name = " ".join(payload.split())[:80]
        data = comment_data(name=name, body=payload, email=f"{number}@x.org")
        assert client.post(url, data).status_code == 302
    for number, website in enumerate(WEBSITES):
        data = comment_data(website=website, body=f"Site {number}.")
        assert client.post(url, data).status_code == 302
    Comment.objects.update(status=Status.APPROVED)
    recount([article.pk])
    return article


def test_comments_full_of_script_are_shown_as_text(client, commented_article):
    html = client.get(commented_article.get_absolute_url()).content.decode()

    assert active_content(html) == []
    assert html.count('class="comment"') == len(PAYLOADS) + len(WEBSITES)
    assert "&lt;script&gt;alert(&#x27;script&#x27;)&lt;/script&gt;" in html


def test_later_comment_pages_show_script_as_text(client, commented_article, settings):
    settings.COMMENTS_PER_PAGE = 5

    url = f"{commented_article.get_absolute_url()}comments/?page=2"
    html = client.get(url).content.decode()

    assert active_content(html) == []
    assert 'class="comment"' in html


def test_the_moderation_queue_shows_comments_script_as_text(
    editor_client, commented_article
):
    changelist = editor_client.get("/admin/comments/comment/").content.decode()
    change = editor_client.get(
        f"/admin/comments/comment/{Comment.objects.earliest('pk').pk}/change/"
    ).content.decode()

    assert _admin_active_content(changelist) == []
    assert _admin_active_content(change) == []


def _admin_active_content(html):
    """The admin has scripts and icons of its own; every payload calls alert()."""
    return [found for found in active_content(html) if "alert" in found[1]]


def test_a_comment_sent_back_with_errors_shows_script_as_text(client, comment_data):
    article = ArticleFactory()
    for payload in PAYLOADS:
        response = client.post(
            f"{article.get_absolute_url()}comments/",
            comment_data(name=payload, body=payload, email=payload, website=payload),
        )

        assert response.status_code == 200
        assert active_content(response.content.decode()) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_articles_full_of_script_are_shown_as_text(client, payload):
    topic, series = TopicFactory(), SeriesFactory()
    article = ArticleFactory(
        title=f"Payload {payload}"[:200],
        summary=f"Payload {payload}",
        body=f"Payload\n\n{payload}\n\nPayload {payload}",
        topics=[topic],
        series=series,
        series_position=1,
    )
    pages = [
        article.get_absolute_url(), "/", "/articles/", topic.get_absolute_url(),
        series.get_absolute_url(), "/search/?q=payload",
    ]  # fmt: skip

    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert "Payload" in response.content.decode(), page
        assert active_content(response.content.decode()) == [], page


def test_feed_readers_get_an_articles_summary_as_text(client):
    ArticleFactory(summary="Less <b>is</b> more & <script>alert(1)</script>")

    for url, description in (
        ("/feeds/rss/", "channel/item/description"),
        ("/feeds/atom/", "{http://www.w3.org/2005/Atom}entry/{*}summary"),
    ):
        feed = ElementTree.fromstring(client.get(url).content)  # noqa: S314 - ours
        # RSS descriptions and Atom html summaries are read as HTML.
        assert feed.find(description).text == (
            "Less &lt;b&gt;is&lt;/b&gt; more &amp; "
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        )
