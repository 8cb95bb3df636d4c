"""Scheduled and expiring articles appear and disappear on time, with no cron."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.factories import ArticleFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled():
    topic, series = TopicFactory(slug="kernels"), SeriesFactory(slug="deep")
    now = timezone.now()
    ArticleFactory(
        title="Scheduled zeppelin",
        slug="zeppelin",
        topics=[topic],
        series=series,
        series_position=1,
        published_at=now + timedelta(minutes=1),
    )
    return now


PUBLIC_URLS = [
    "/",
    "/articles/",
    "/articles/zeppelin/",
    "/topics/kernels/",
    "/series/deep/",
    "/search/?q=zeppelin",
    "/feeds/rss/",
    "/feeds/atom/",
    "/topics/kernels/rss/",
    "/series/deep/atom/",
]


def mentions(client, url):
    response = client.get(url)
    return response.status_code == 200 and b"Scheduled zeppelin" in response.content


def test_an_article_due_in_a_minute_is_absent_everywhere_until_then(client, scheduled):
    now = scheduled

    assert not any(mentions(client, url) for url in PUBLIC_URLS)

    with time_machine.travel(now + timedelta(minutes=2)):
        assert [url for url in PUBLIC_URLS if not mentions(client, url)] == []


def test_an_expiring_article_disappears_on_time_and_answers_410(client):
    now = timezone.now()
    article = ArticleFactory(slug="fleeting", unpublish_at=now + timedelta(minutes=1))

    assert client.get(article.get_absolute_url()).status_code == 200
    with time_machine.travel(now + timedelta(minutes=2)):
        assert client.get(article.get_absolute_url()).status_code == 410
        assert article.title not in client.get("/feeds/rss/").content.decode()
