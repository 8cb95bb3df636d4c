"""Reader pages answer with the right status, content and links."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.redirects.models import Redirect
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from publishing.models import Status
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    SeriesFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_home_lists_latest_articles_series_and_topics(client):
    series = SeriesFactory(title="Introduction to the back end")
    topic = TopicFactory(name="Databases")
    ArticleFactory(
        title="Tables and indexes", series=series, series_position=1, topics=[topic]
    )

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tables and indexes" in html
    assert f'href="{series.get_absolute_url()}"' in html
    assert f'href="{topic.get_absolute_url()}"' in html


def test_home_leaves_out_series_and_topics_without_published_articles(client):
    series = SeriesFactory(title="Coming soon")
    ArticleFactory(series=series, status=Status.DRAFT)

    response = client.get("/")

    assert "Coming soon" not in response.content.decode()


def test_home_keeps_its_series_and_topics_through_comments_but_not_new_articles(
    client, settings
):
    settings.PAGE_CACHE = False
    article = ArticleFactory(topics=[TopicFactory(name="Databases")])
    client.get("/")

    CommentFactory(article=article)
    with CaptureQueriesContext(connection) as queries:
        after_comment = client.get("/").content.decode()
    ArticleFactory(topics=[TopicFactory(name="Caching")])
    after_article = client.get("/").content.decode()

    assert "Databases" in after_comment
    assert not [q for q in queries if "articles_topic" in q["sql"]]
    assert "Caching" in after_article


def test_home_shows_a_scheduled_articles_topic_once_it_is_live(client, settings):
    settings.PAGE_CACHE = False
    ArticleFactory(topics=[TopicFactory(name="Databases")])
    ArticleFactory(
        topics=[TopicFactory(name="Caching")],
        published_at=timezone.now() + timedelta(hours=1),
    )

    before = client.get("/").content.decode()
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        after = client.get("/").content.decode()

    assert "Caching" not in before
    assert "Caching" in after


def test_article_page_shows_dates_author_reading_time_topics_and_contents(client):
    topic = TopicFactory(name="Security")
    article = ArticleFactory(
        title="Keeping secrets",
        body="## Transport\n\nText.\n\n## Storage\n\nMore text.\n",
        content_updated_at=timezone.now(),
        topics=[topic],
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Keeping secrets</h1>" in html
    assert article.author.name in html
    assert "Published <time" in html and "Updated <time" in html
    assert "1 min read" in html
    assert f'href="{topic.get_absolute_url()}" rel="tag"' in html
    assert '<a href="#s-transport">Transport</a>' in html
    assert '<h2 id="s-storage"><span id="storage"></span>Storage</h2>' in html


def test_article_in_a_series_shows_its_part_and_neighbours(client):
    series = SeriesFactory()
    first, second, third = (
        ArticleFactory(series=series, series_position=n) for n in (1, 2, 3)
    )

    html = client.get(second.get_absolute_url()).content.decode()

    assert "part 2 of 3" in html
    assert f'rel="prev" href="{first.get_absolute_url()}"' in html
    assert f'rel="next" href="{third.get_absolute_url()}"' in html


def test_series_part_numbers_count_only_published_parts(client):
    series = SeriesFactory()
    ArticleFactory(series=series, series_position=1, status=Status.DRAFT)
    second = ArticleFactory(series=series, series_position=2)

    html = client.get(second.get_absolute_url()).content.decode()

    assert "part 1 of 1" in html
    assert 'rel="prev"' not in html


def test_related_articles_share_topics_and_are_published(client):
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    related = ArticleFactory(title="A close cousin", topics=[topic])
    ArticleFactory(title="A hidden cousin", topics=[topic], status=Status.DRAFT)
    ArticleFactory(title="A stranger")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "A close cousin" in html and related.get_absolute_url() in html
    assert "A hidden cousin" not in html
    assert "A stranger" not in html


def test_series_page_lists_published_parts_in_order(client):
    series = SeriesFactory()
    ArticleFactory(title="Part two", series=series, series_position=2)
    ArticleFactory(title="Part one", series=series, series_position=1)
    ArticleFactory(
        title="Part three", series=series, series_position=3, status=Status.DRAFT
    )

    html = client.get(series.get_absolute_url()).content.decode()

    assert html.index("Part one") < html.index("Part two")
    assert "Part three" not in html


def test_topic_page_lists_only_its_published_articles(client):
    topic = TopicFactory()
    ArticleFactory(title="On topic", topics=[topic])
    ArticleFactory(title="Off topic")

    response = client.get(topic.get_absolute_url())

    assert response.status_code == 200
    assert "On topic" in response.content.decode()
    assert "Off topic" not in response.content.decode()


@pytest.mark.parametrize(
    "make_article",
    [
        lambda: ArticleFactory(status=Status.DRAFT),
        lambda: ArticleFactory(published_at=timezone.now() + timedelta(hours=1)),
    ],
    ids=["draft", "scheduled"],
)
def test_drafts_and_scheduled_articles_are_not_found(client, make_article):
    article = make_article()

    assert client.get(article.get_absolute_url()).status_code == 404


def test_unknown_slugs_answer_a_site_styled_404(client):
    response = client.get("/articles/no-such-article/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_an_expired_article_answers_410_gone(client):
    article = ArticleFactory(
        published_at=timezone.now() - timedelta(days=2),
        unpublish_at=timezone.now() - timedelta(minutes=1),
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 410
    assert "No longer available" in response.content.decode()


def test_a_withdrawn_article_answers_410_until_it_is_published_again(client):
    article = ArticleFactory()
    article.status = Status.DRAFT
    article.save()

    response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    assert "No longer available" in response.content.decode()

    article.status = Status.PUBLISHED
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_scheduled_article_set_back_to_draft_was_never_seen_and_answers_404(
    client,
):
    article = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    article.status = Status.DRAFT
    article.save()

    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_deleted_article_answers_410_gone(client):
    article = ArticleFactory()
    url = article.get_absolute_url()

    article.delete()

    assert Redirect.objects.filter(old_path=url, new_path="").exists()
    assert client.get(url).status_code == 410


def test_deleting_a_draft_leaves_no_trace(client):
    article = ArticleFactory(status=Status.DRAFT)
    url = article.get_absolute_url()

    article.delete()

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99", "1.5", ""])
@pytest.mark.parametrize("path", ["/articles/", "/topics/{topic}/", "/search/?q=word&"])
def test_bad_page_numbers_answer_404_never_500(client, path, page):
    topic = TopicFactory()
    ArticleFactory(topics=[topic], body="word " * 50)
    separator = "" if path.endswith("&") else "?"
    url = path.format(topic=topic.slug) + f"{separator}page={page}"

    response = client.get(url)

    assert response.status_code == (200 if page == "" else 404)


def test_article_list_paginates_ten_per_page(client):
    ArticleFactory.create_batch(12)

    first = client.get("/articles/")
    second = client.get("/articles/?page=2")

    assert len(first.context["page_obj"]) == 10
    assert len(second.context["page_obj"]) == 2
    assert 'rel="next" href="?page=2"' in first.content.decode()


def test_the_server_error_page_renders_without_a_request_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert "Something went wrong" in html
    assert 'content="noindex"' in html
