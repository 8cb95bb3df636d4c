"""Which address a shared page is stored under, whatever a client sends.

No header or query string a client adds changes what a shared page holds
for the next reader; tests/scale/test_forwarded_headers.py sends the same
through a real gunicorn, Varnish and HAProxy.
"""

import pytest
from django.db import connection
from django.test import Client

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def fetch(path, **extra):
    return Client().get(path, **extra)


def stored_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_cache")
        return cursor.fetchone()[0]


def test_a_moved_script_prefix_never_stores_a_page_under_another_address():
    article = ArticleFactory(title="The real article")
    path = article.get_absolute_url()

    moved = fetch(f"{path}?x=1", SCRIPT_NAME=path.rstrip("/"), PATH_INFO="/")

    assert "X-Page-Cache" not in moved
    assert {"private", "no-store"} <= set(moved["Cache-Control"].split(", "))
    for address in (path, f"{path}?x=1"):
        assert "The real article" in fetch(address).content.decode()


def test_a_page_asked_for_over_https_is_never_served_over_http(settings):
    ArticleFactory()
    for path in ("/sitemap.xml", "/feeds/rss/"):
        assert "https://" in fetch(path, secure=True).content.decode()

        plain = fetch(path).content.decode()

        assert "https://" not in plain and "http://" in plain, path


def test_unique_query_strings_store_no_copies():
    article = ArticleFactory()
    path = article.get_absolute_url()
    fetch(path)
    fetch("/")
    rows = stored_rows()

    for number in range(20):
        assert fetch(f"{path}?x={number}").status_code == 200
        assert fetch(f"/?page={number}").status_code == 200  # home has one page
        assert fetch(f"{path}?page={number}&q=x").status_code == 200

    assert stored_rows() == rows


def test_campaign_links_are_served_the_plain_page():
    article = ArticleFactory()
    path = article.get_absolute_url()
    fetch(path)
    rows = stored_rows()

    for number in range(20):
        campaign = f"{path}?utm_source=mail&utm_campaign=n{number}&fbclid=ab{number}"
        assert fetch(campaign)["X-Page-Cache"] == "hit"

    assert stored_rows() == rows


def test_addresses_whose_query_the_page_reads_are_stored():
    ArticleFactory.create_batch(12)

    for path in (
        "/articles/?page=2",
        "/search/?q=article",
        "/search/?q=article&page=2",
    ):
        assert fetch(path)["X-Page-Cache"] == "miss", path
        assert fetch(path)["X-Page-Cache"] == "hit", path
    assert fetch("/search/?q=article&page=2")["X-Page-Cache"] == "hit"  # same
