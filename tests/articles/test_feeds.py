"""Feeds parse as RSS 2.0 and Atom and carry only published articles."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from articles.models import Status
from tests.factories import ArticleFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


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
    client, site, url, version, titles
):
    _, feed = parse(client, url)

    assert feed.version == version
    assert sorted(entry.title for entry in feed.entries) == titles


def test_feed_entries_link_to_the_article_with_author_and_topics(client):
    topic = TopicFactory(name="Security")
    article = ArticleFactory(topics=[topic], summary="Why TLS matters.")

    _, feed = parse(client, "/feeds/atom/")
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
