"""Caches in front of the site learn what each page shows, and what to purge.

Pages the page cache shares carry cache tags (pagecache/tags.py); a change
queues a purge of the tags it makes stale on every HTTP_CACHE_PURGE_URLS
node. tests/scale/test_varnish.py runs the same against real Varnish.
"""

import http.server
import threading
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from pagecache.purge import purge_http_caches
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    SeriesFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def page_tags(path):
    return set(Client().get(path)["xkey"].split())


def test_an_article_page_is_tagged_with_everything_it_shows():
    topic, series = TopicFactory(), SeriesFactory()
    article = ArticleFactory(series=series, series_position=1, topics=[topic])
    part = ArticleFactory(series=series, series_position=2)
    related = ArticleFactory(topics=[topic])

    assert page_tags(article.get_absolute_url()) == {
        "site",
        f"article-{article.pk}",
        f"author-{article.author_id}",
        f"article-{part.pk}",
        f"article-{related.pk}",
        f"series-{series.pk}",
        f"topic-{topic.pk}",
    }
    assert page_tags("/sitemap.xml") == {"site", "sitemaps"}


def test_lists_carry_the_articles_whose_cards_they_show():
    article = ArticleFactory(topics=[TopicFactory()], series=SeriesFactory())
    shown = {"site", "lists", f"article-{article.pk}"}

    month = f"/archive/{article.published_at:%Y/%m}/"
    for path in ("/", "/articles/", month, article.topics.get().get_absolute_url()):
        assert page_tags(path) == shown, path
    assert page_tags(article.series.get_absolute_url()) == shown
    assert page_tags("/search/?q=" + article.title.split()[0]) == shown
    assert page_tags(article.author.get_absolute_url()) == {
        *shown,
        f"author-{article.author_id}",
    }


def test_indexes_without_cards_are_lists():
    ArticleFactory(topics=[TopicFactory()], series=SeriesFactory())

    for path in ("/topics/", "/series/", "/authors/"):
        assert page_tags(path) == {"site", "lists"}, path


def test_a_change_to_an_author_purges_their_pages_and_articles_and_the_lists():
    author = ArticleFactory().author

    assert author.purge_tags() == {f"author-{author.pk}", "lists", "sitemaps"}


def test_an_article_moved_to_another_author_purges_both():
    old, new = AuthorFactory(), AuthorFactory()
    article = Article.objects.get(pk=ArticleFactory(author=old).pk)

    article.author = new

    assert {f"author-{old.pk}", f"author-{new.pk}"} <= article.purge_tags()


def test_a_cached_page_keeps_its_tags():
    article = ArticleFactory()
    first = Client().get(article.get_absolute_url())
    again = Client().get(article.get_absolute_url())

    assert again["X-Page-Cache"] == "hit"
    assert again["xkey"] == first["xkey"]


def test_an_article_moved_to_another_series_purges_both():
    old, new = SeriesFactory(), SeriesFactory()
    article = Article.objects.get(pk=ArticleFactory(series=old).pk)

    article.series = new

    assert {f"series-{old.pk}", f"series-{new.pk}"} <= article.purge_tags()
    assert {f"article-{article.pk}", "lists", "sitemaps"} <= article.purge_tags()


def test_an_approved_comment_purges_its_article_and_the_comment_feeds_only():
    comment = CommentFactory()

    assert comment.purge_tags() == {f"article-{comment.target.pk}", "comments"}


def test_no_shared_cache_keeps_a_page_past_a_scheduled_publication(settings):
    settings.HTTP_CACHE_SECONDS = 3600
    ArticleFactory(published_at=timezone.now() + timedelta(seconds=90))

    cache_control = Client().get("/")["Cache-Control"]

    directives = dict(part.split("=") for part in cache_control.split(", ")[2:])
    fresh, stale = (
        int(directives["s-maxage"]),
        int(directives["stale-while-revalidate"]),
    )
    assert 85 <= fresh + stale <= 90


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.received.append(self.headers["xkey-purge"])
        if self.server.redirect_to:
            self.send_response(307)
            self.send_header("Location", self.server.redirect_to)
        else:
            self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cache_nodes():
    """Two HTTP servers on loopback that record the PURGE requests they get."""
    servers = [
        http.server.HTTPServer(("127.0.0.1", 0), PurgeRecorder) for _ in range(2)
    ]
    for server in servers:
        server.received, server.redirect_to = [], None
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield servers
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_purge_reaches_every_cache_node(settings, cache_nodes):
    # The owner's own nodes may be on loopback or a private network: no
    # test-only switch is needed to reach them.
    settings.HTTP_CACHE_PURGE_URLS = [
        f"http://127.0.0.1:{server.server_port}/" for server in cache_nodes
    ]

    purge_http_caches.call(["article-7", "lists"])

    assert [server.received for server in cache_nodes] == [["article-7 lists"]] * 2


def test_a_node_that_cannot_be_reached_fails_the_purge_after_the_others(
    settings, cache_nodes
):
    settings.HTTP_CACHE_PURGE_URLS = [
        "http://127.0.0.1:9/",  # discard: nobody listens
        f"http://127.0.0.1:{cache_nodes[0].server_port}/",
    ]

    with pytest.raises(RuntimeError, match=r"127\.0\.0\.1:9/"):
        purge_http_caches.call(["lists"])
    assert cache_nodes[0].received == ["lists"]


def test_a_purge_goes_to_the_configured_nodes_only_never_where_one_redirects(
    settings, cache_nodes
):
    node, elsewhere = cache_nodes
    node.redirect_to = f"http://127.0.0.1:{elsewhere.server_port}/"
    settings.HTTP_CACHE_PURGE_URLS = [f"http://127.0.0.1:{node.server_port}/"]

    with pytest.raises(RuntimeError, match="Cache nodes not purged"):
        purge_http_caches.call(["lists"])
    assert node.received == ["lists"]
    assert elsewhere.received == []


def test_an_edit_queues_one_purge_once_it_commits(
    settings, django_capture_on_commit_callbacks
):
    settings.HTTP_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]
    article = ArticleFactory()

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Edited"
        article.save()

    queued = DBTaskResult.objects.get(task_path="pagecache.purge.purge_http_caches")
    assert f"article-{article.pk}" in queued.args_kwargs["args"][0]


def test_an_edits_purge_runs_before_the_chores_the_edit_queued(
    settings, cache_nodes, run_worker, django_capture_on_commit_callbacks
):
    node = cache_nodes[0]
    settings.HTTP_CACHE_PURGE_URLS = [f"http://127.0.0.1:{node.server_port}/"]
    article = ArticleFactory()
    DBTaskResult.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Edited"
        article.save()
    run_worker(max_tasks=1)

    assert DBTaskResult.objects.count() > 1  # the search's words, say
    assert len(node.received) == 1
    assert f"article-{article.pk}" in node.received[0]
