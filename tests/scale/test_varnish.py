"""Varnish in front of the site (deploy/varnish/): fresh at every change.

Two Varnish nodes sit in front of one app server, which may keep pages for
an hour; every change purges the pages it affects on both nodes, by cache
tag, through the task queue. The first reader after a purge may get the
previous copy while the node fetches the page (grace); within a second the
change shows. A comment removed or erased is gone at once.
"""

import json
import shutil
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from tests.servers import (
    NoRedirects,
    free_port,
    gunicorn,
    manage,
    site_environment,
    varnish,
)

pytestmark = pytest.mark.skipif(
    shutil.which("varnishd") is None,
    reason="varnishd is not installed (Debian packages varnish and "
    "varnish-modules; .ci/run installs them)",
)


OPENER = urllib.request.build_opener(NoRedirects)


def read(url, **headers):
    """(status, headers, text) of one request, as a reader without cookies."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def site(primary, tmp_path_factory):
    """One app server (WEB_CONCURRENCY=4), and two Varnish nodes in front
    that it purges; the app's log says which requests reached it."""
    ports = free_port(), free_port()
    env = site_environment(
        primary.url(),
        HTTP_CACHE_SECONDS="3600",
        HTTP_CACHE_PURGE_URLS=",".join(f"http://127.0.0.1:{port}/" for port in ports),
        WEB_CONCURRENCY="4",
        PYTHONUNBUFFERED="1",  # each line in the log as it is written
    )
    log = tmp_path_factory.mktemp("app") / "gunicorn.log"
    with (
        log.open("w") as output,
        gunicorn(env, output=output) as app,
        varnish(env["PORT"], ports[0]) as one,
        varnish(env["PORT"], ports[1]) as two,
    ):
        yield SimpleNamespace(app=app, env=env, nodes=(one, two), log=log)


def requests_reaching_the_app(log, path):
    lines = (json.loads(line) for line in log.read_text().splitlines() if line)
    return sum(1 for line in lines if line.get("path") == path)


def within(check, seconds=1):
    """Whether ``check()`` comes true within ``seconds``."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def shows_within(url, text, seconds=1):
    return within(lambda: text in read(url)[2], seconds)


def change(env, code):
    """Make a change as an editor's save does, then let the task worker run."""
    manage("shell", "--no-imports", "-c", code, env=env)
    worker = manage("db_worker", "--batch", "--no-startup-delay", env=env)
    assert "FAILED" not in worker.stdout + worker.stderr


def cached_on_every_node(nodes, path):
    for node in nodes:
        read(f"{node}{path}")
        assert read(f"{node}{path}")[1]["X-Cache"] == "hit"


def shell_value(env, code):
    return manage("shell", "--no-imports", "-c", code, env=env).stdout.strip()


def article_path(env, number):
    return shell_value(
        env,
        "from articles.models import Article;"
        f"print(Article.objects.order_by('published_at')[{number}].get_absolute_url())",
    )


def test_an_edit_shows_through_every_node_once_purged(site):
    env, nodes = site.env, site.nodes
    path = article_path(env, 2)
    cached_on_every_node(nodes, path)
    cached_on_every_node(nodes, "/")

    change(
        env,
        "from articles.models import Article\n"
        "article = Article.objects.order_by('published_at')[2]\n"
        "article.title = 'Retitled behind Varnish'\n"
        "article.save()\n",
    )

    for node in nodes:
        assert shows_within(f"{node}{path}", "Retitled behind Varnish")
        assert shows_within(f"{node}/", "Retitled behind Varnish")


def test_a_publish_shows_on_the_lists_and_series_pages_it_joins(site):
    env, nodes = site.env, site.nodes
    neighbour = article_path(env, 3)
    cached_on_every_node(nodes, neighbour)
    cached_on_every_node(nodes, "/")

    change(
        env,
        "from django.utils import timezone\n"
        "from articles.models import Article\n"
        "part = Article.objects.order_by('published_at')[3]\n"
        "article = Article.objects.create(\n"
        "    title='Published behind Varnish', slug='published-behind-varnish',\n"
        "    summary='A late part.', body='Words.', author=part.author,\n"
        "    series=part.series, series_position=99, status='published',\n"
        "    published_at=timezone.now())\n"
        "article.topics.set(part.topics.all())\n",
    )

    for node in nodes:
        assert shows_within(f"{node}/", "Published behind Varnish")
        assert shows_within(f"{node}{neighbour}", "Published behind Varnish")


def test_an_approved_comment_shows_on_its_article(site):
    env, nodes = site.env, site.nodes
    path = article_path(env, 4)
    change(
        env,
        "from articles.models import Article\n"
        "from comments.models import Comment\n"
        "article = Article.objects.order_by('published_at')[4]\n"
        "Comment.objects.create(entry=article.entry, name='Held', status='pending',\n"
        "    email='held@example.net', body='Approved behind Varnish.')\n",
    )
    cached_on_every_node(nodes, path)

    change(
        env,
        "from comments.models import Comment\n"
        "comment = Comment.objects.get(body='Approved behind Varnish.')\n"
        "comment.status = 'approved'\n"
        "comment.save()\n",
    )

    for node in nodes:
        assert shows_within(f"{node}{path}", "Approved behind Varnish.")


def test_a_new_slug_redirects_from_the_old_address_on_every_node(site):
    env, nodes = site.env, site.nodes
    old = article_path(env, 5)
    cached_on_every_node(nodes, old)

    change(
        env,
        "from articles.models import Article\n"
        "article = Article.objects.order_by('published_at')[5]\n"
        "article.slug = 'moved-behind-varnish'\n"
        "article.save()\n",
    )

    for node in nodes:
        assert within(lambda node=node: read(f"{node}{old}")[0] == 301)
        location = read(f"{node}{old}")[1]["Location"]
        assert location.endswith("/articles/moved-behind-varnish/")
        assert read(f"{node}/articles/moved-behind-varnish/")[0] == 200


def test_readers_with_cookies_and_tags_never_meet_the_cache(site):
    env, nodes = site.env, site.nodes
    path = article_path(env, 1)
    cached_on_every_node(nodes, path)

    headers = read(f"{nodes[0]}{path}", Cookie="sessionid=staff")[1]
    assert headers["X-Cache"] == "miss"
    assert "xkey" not in headers  # the tags stay between the site and Varnish
    assert read(f"{site.app}{path}")[1]["xkey"]


def test_a_page_from_the_cache_carries_a_request_id_of_its_own(site, article):
    node = site.nodes[0]
    read(f"{node}{article}")

    ids = {read(f"{node}{article}")[1]["X-Request-ID"] for _ in range(2)}

    assert len(ids) == 2 and all(id.startswith("varnish-") for id in ids)


def test_an_article_and_its_activitypub_object_are_kept_apart_and_purged_together(
    site,
):
    env, nodes = site.env, site.nodes
    path = article_path(env, 0)
    activity = {"Accept": "application/activity+json"}
    for node in nodes:
        read(f"{node}{path}")
        read(f"{node}{path}", **activity)
        _, headers, html = read(f"{node}{path}", Accept="text/html")
        assert headers["X-Cache"] == "hit" and html.startswith("<!doctype html>")
        _, headers, text = read(f"{node}{path}", **activity)
        assert headers["X-Cache"] == "hit" and json.loads(text)["type"] == "Article"

    change(
        env,
        "from articles.models import Article\n"
        "article = Article.objects.order_by('published_at')[0]\n"
        "article.title = 'Retitled for the fediverse'\n"
        "article.save()\n",
    )

    def retitled(node):
        text = read(f"{node}{path}", **activity)[2]
        return json.loads(text)["name"] == "Retitled for the fediverse"

    for node in nodes:
        assert within(lambda node=node: retitled(node))


def test_readers_of_a_page_gone_from_the_cache_wait_for_one_fetch(site, article):
    env, node = site.env, site.nodes[0]
    change(env, PURGE_EVERY_PAGE_AT_ONCE)
    before = requests_reaching_the_app(site.log, article)

    with ThreadPoolExecutor(32) as pool:
        answers = list(pool.map(lambda _: read(f"{node}{article}"), range(32)))

    assert [status for status, _, _ in answers] == [200] * 32
    assert [headers["X-Cache"] for _, headers, _ in answers].count("miss") == 1
    assert requests_reaching_the_app(site.log, article) == before + 1


def test_after_an_edit_a_node_serves_the_last_copy_while_it_fetches(site):
    env, node = site.env, site.nodes[0]
    path = article_path(env, 0)
    cached_on_every_node([node], path)
    change(env, PURGE_EVERY_PAGE)

    stood_in = read(f"{node}{path}")[1]

    assert stood_in["X-Cache"] == "hit"  # grace: the previous copy, at once
    assert within(lambda: read(f"{node}{path}")[1]["X-Page-Cache"] == "miss")


def test_a_commenters_erasure_leaves_no_node_showing_their_words(site):
    env, nodes = site.env, site.nodes
    change(env, PAGE_WITH_A_COMMENT)
    paths = ("/colophon/", "/colophon/comments/", "/colophon/comments/rss/")
    for path in paths:
        cached_on_every_node(nodes, path)
        assert "Words to take back." in read(f"{nodes[0]}{path}")[2]

    change(
        env,
        "from comments.privacy import erase_data\n"
        "erase_data('taking-back@example.net')\n",
    )

    for node in nodes:
        for path in paths:
            assert "Words to take back." not in read(f"{node}{path}")[2], path


def test_campaign_links_are_served_the_plain_pages_copy(site, article):
    node = site.nodes[0]
    read(f"{node}{article}")

    for number in range(3):
        campaign = f"{node}{article}?utm_source=mail&fbclid=x{number}"
        assert read(campaign)[1]["X-Cache"] == "hit"


PURGE_EVERY_PAGE = "from pagecache.changes import changed\nchanged(lambda: {'site'})\n"
PURGE_EVERY_PAGE_AT_ONCE = (
    "from pagecache.changes import changed\nchanged(lambda: {'site'}, at_once=True)\n"
)
PAGE_WITH_A_COMMENT = """
from datetime import timedelta
from django.utils import timezone
from comments.models import Comment
from pages.models import Page
page = Page.objects.create(
    title="Colophon", slug="colophon", summary="How it is made.", body="Words.",
    status="published", published_at=timezone.now() - timedelta(days=1),
    comments_open=True,
)
Comment.objects.create(
    entry=page.entry, name="Regretful", email="taking-back@example.net",
    body="Words to take back.", status="approved",
)
"""
