"""Comment feeds: approved comments only, by name, never an email or address."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment, Status
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

FEEDS = ["/feeds/comments/rss/", "/feeds/comments/atom/"]


def article_feeds(article):
    return [
        f"/articles/{article.slug}/comments/rss/",
        f"/articles/{article.slug}/comments/atom/",
    ]


@pytest.fixture
def article():
    article = ArticleFactory(slug="pools", title="Pools & <queues>")
    CommentFactory(article=article, name="Ann", email="ann@private.example")
    for status in (Status.PENDING, Status.SPAM, Status.REMOVED):
        CommentFactory(article=article, name=f"Hidden {status}", status=status)
    CommentFactory(name="Bob elsewhere")
    return article


@pytest.mark.parametrize("kind", ["site", "article"])
@pytest.mark.parametrize("index", [0, 1])
def test_comment_feeds_list_only_approved_comments_by_name(
    read_feed, article, kind, index
):
    url = (FEEDS if kind == "site" else article_feeds(article))[index]

    response, feed = read_feed(url)

    expected = ["Ann", "Bob elsewhere"] if kind == "site" else ["Ann"]
    assert sorted(entry.author for entry in feed.entries) == expected
    body = response.content.decode()
    assert "ann@private.example" not in body and "203.0.113.9" not in body
    assert "Hidden" not in body
    assert feed.version == ("rss20", "atom10")[index]


def test_a_comment_entry_links_to_the_comment_and_escapes_the_title(
    read_feed, article, settings
):
    settings.COMMENTS_PER_PAGE = 1
    later = CommentFactory(article=article, name="Cy", body="Tom & <b>Jerry</b>")

    _, feed = read_feed(article_feeds(article)[1])

    entry = feed.entries[0]
    assert entry.title == "Cy on “Pools & <queues>”"
    assert entry.link.endswith(f"/articles/pools/comments/?page=2#comment-{later.pk}")
    assert entry.summary == "<p>Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;</p>"


def test_comment_feeds_run_the_same_queries_for_few_or_many_comments(client, article):
    def queries():
        counts = []
        for url in [*FEEDS, *article_feeds(article)]:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    queries()  # the first request looks up the site once, for absolute links
    few = queries()
    CommentFactory.create_batch(15, article=article)

    assert queries() == few


def test_feeds_of_unknown_or_unpublished_articles_are_not_found(client):
    draft = ArticleFactory(status="draft")

    assert client.get("/articles/nothing/comments/rss/").status_code == 404
    assert client.get(f"/articles/{draft.slug}/comments/atom/").status_code == 404


def test_the_article_page_advertises_its_comments_feeds(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    name = "Comments on Pools &amp; &lt;queues&gt;"
    rss, atom = article_feeds(article)
    assert f'type="application/rss+xml" title="{name} (RSS)" href="{rss}">' in html
    assert f'type="application/atom+xml" title="{name} (Atom)" href="{atom}">' in html


@pytest.mark.parametrize("page_cache", [False, True])
def test_comment_feeds_answer_304_to_their_etag_and_last_modified_time(
    client, settings, article, page_cache
):
    settings.PAGE_CACHE = page_cache
    for url in [*FEEDS, *article_feeds(article)]:
        first = client.get(url)

        again = {"if-none-match": first["ETag"]}
        assert client.get(url, headers=again).status_code == 304
        since = {"if-modified-since": first["Last-Modified"]}
        assert client.get(url, headers=since).status_code == 304


def test_an_older_comment_approved_later_moves_the_last_modified_time(client, article):
    pending = CommentFactory(article=article, status=Status.PENDING)
    url = article_feeds(article)[0]
    first = client.get(url)

    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        pending.status, pending.reviewed_at = Status.APPROVED, timezone.now()
        pending.save()
        since = {"if-modified-since": first["Last-Modified"]}
        response = client.get(url, headers=since)

    assert response.status_code == 200
    assert response["Last-Modified"] != first["Last-Modified"]


def test_a_comment_change_purges_the_comment_feeds_in_caches_in_front(
    settings, article
):
    settings.PAGE_CACHE = True
    comment = Comment.objects.on(article).get(name="Ann")

    for url in [*FEEDS, *article_feeds(article)]:
        page_tags = set(Client().get(url)["xkey"].split())
        assert page_tags & comment.purge_tags() - {"site", "lists"}, url
