"""Feeds parse as RSS 2.0 and Atom and carry only published articles."""

import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
import time_machine
from django.utils import timezone
from django.utils.http import http_date

from articles.models import Article
from publishing.models import Status
from tests.factories import ArticleFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    topic, series = TopicFactory(slug="databases"), SeriesFactory(slug="intro")
    ArticleFactory(title="Live", topics=[topic], series=series, series_position=1)
    ArticleFactory(
        title="Draft",
        topics=[topic],
        series=series,
        series_position=2,
        status=Status.DRAFT,
    )
    ArticleFactory(
        title="Scheduled",
        topics=[topic],
        series=series,
        series_position=3,
        published_at=timezone.now() + timedelta(days=1),
    )
    ArticleFactory(title="Elsewhere")


@pytest.mark.parametrize(
    ("url", "version", "titles"),
    [
        ("/feeds/rss/", "rss20", ["Elsewhere", "Live"]),
        ("/feeds/atom/", "atom10", ["Elsewhere", "Live"]),
        ("/topics/databases/rss/", "rss20", ["Live"]),
        ("/topics/databases/atom/", "atom10", ["Live"]),
        ("/series/intro/rss/", "rss20", ["Live"]),
        ("/series/intro/atom/", "atom10", ["Live"]),
    ],
)
def test_feeds_are_valid_and_list_only_published_articles(
    read_feed, site, url, version, titles
):
    _, feed = read_feed(url)

    assert feed.version == version
    assert sorted(entry.title for entry in feed.entries) == titles


def test_feed_entries_link_to_the_article_with_author_and_topics(read_feed):
    topic = TopicFactory(name="Security")
    article = ArticleFactory(topics=[topic], summary="Why TLS matters.")

    _, feed = read_feed("/feeds/atom/")
    entry = feed.entries[0]

    assert entry.link.endswith(article.get_absolute_url())
    assert entry.summary == "Why TLS matters."
    assert entry.author == article.author.name
    assert [tag.term for tag in entry.tags] == ["Security"]


def test_feeds_of_unknown_topics_and_series_are_not_found(client):
    assert client.get("/topics/nothing/rss/").status_code == 404
    assert client.get("/series/nothing/atom/").status_code == 404


@pytest.mark.parametrize("page", ["/", "/articles/"])
def test_pages_advertise_the_site_feeds(client, page):
    html = client.get(page).content.decode()

    assert 'type="application/rss+xml"' in html and 'href="/feeds/rss/"' in html
    assert 'type="application/atom+xml"' in html and 'href="/feeds/atom/"' in html


def test_topic_and_series_pages_advertise_their_own_feeds(client):
    topic, series = TopicFactory(slug="http"), SeriesFactory(slug="basics")
    ArticleFactory(topics=[topic], series=series, series_position=1)

    assert 'href="/topics/http/atom/"' in client.get("/topics/http/").content.decode()
    assert (
        'href="/series/basics/rss/"' in client.get("/series/basics/").content.decode()
    )


def rss_descriptions(client, url="/feeds/rss/"):
    feed = ElementTree.fromstring(client.get(url).content)  # noqa: S314 - ours
    channel = feed.find("channel")
    return [item.findtext("description") for item in channel.iter("item")]


BODY = (
    "Read [the next part](/articles/next/), [a section](#s-why) and "
    "[elsewhere](https://example.org/x).\n\n![A diagram](img/flow.png)\n\n"
    "**Tom & Jerry** <script>alert(1)</script>\n"
)


def test_full_text_feeds_carry_the_rendered_article_with_absolute_urls(
    client, settings
):
    settings.FEEDS_FULL_TEXT, settings.SITE_URL = True, "https://site.example"
    ArticleFactory(slug="flows", summary="The summary.", body=BODY)

    [description] = rss_descriptions(client)

    urls = re.findall(r'(?:href|src)="([^"]*)"', description)
    assert urls == [
        "https://site.example/articles/next/",
        "https://site.example/articles/flows/#s-why",
        "https://example.org/x",
        "https://site.example/articles/flows/img/flow.png",
    ]
    assert "<strong>Tom &amp; Jerry</strong>" in description
    assert "<script" not in description and "**" not in description
    assert "The summary." not in description


@pytest.mark.parametrize("url", ["/feeds/rss/", "/topics/t/atom/", "/series/s/rss/"])
def test_full_text_feeds_read_every_article_in_one_query(
    client, settings, django_assert_num_queries, url
):
    settings.FEEDS_FULL_TEXT = True
    topic, series = TopicFactory(slug="t"), SeriesFactory(slug="s")
    for n in range(3):
        ArticleFactory(topics=[topic], series=series, series_position=n + 1)

    with django_assert_num_queries(3 if url == "/feeds/rss/" else 4):
        assert client.get(url).status_code == 200


def test_feeds_carry_the_escaped_summary_by_default(client):
    ArticleFactory(summary="Tom & Jerry <b>fight</b>.", body=BODY)

    assert rss_descriptions(client) == ["Tom &amp; Jerry &lt;b&gt;fight&lt;/b&gt;."]


@pytest.mark.parametrize("page_cache", [False, True])
@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/", "/topics/t/atom/"])
def test_feeds_answer_304_to_their_etag_and_to_their_last_modified_time(
    client, settings, page_cache, url
):
    settings.PAGE_CACHE = page_cache
    ArticleFactory(topics=[TopicFactory(slug="t")])
    first = client.get(url)

    again = {"if-none-match": first["ETag"]}
    assert client.get(url, headers=again).status_code == 304
    since = {"if-modified-since": first["Last-Modified"]}
    assert client.get(url, headers=since).status_code == 304


def test_a_feed_is_last_modified_when_its_newest_article_last_changed(client):
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=2))
    first = client.get("/feeds/atom/")
    assert first["Last-Modified"] == http_date(article.lastmod.timestamp())

    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        article.body = "Rewritten."
        article.save()
        since = {"if-modified-since": first["Last-Modified"]}
        response = client.get("/feeds/atom/", headers=since)

    assert response.status_code == 200
    assert response["Last-Modified"] == http_date(
        Article.objects.get().lastmod.timestamp()
    )
