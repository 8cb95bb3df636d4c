"""The header and footer link to the pages editors place there, in order, and
show each change at once though each worker keeps them rendered."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages.models import Page
from publishing.models import Status
from tests.factories import ArticleFactory, PageFactory

pytestmark = pytest.mark.django_db


def links(html, label):
    nav = re.search(rf'<nav aria-label="{label}">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav)


@pytest.fixture(autouse=True)
def no_shipped_pages():
    Page.objects.all().delete()


def test_header_and_footer_link_published_pages_in_their_order(client):
    PageFactory(slug="contact", title="Contact", show_in="header", order=2)
    PageFactory(slug="about", title="About", show_in="header", order=1)
    PageFactory(slug="legal", title="Legal", show_in="footer", order=5)
    PageFactory(slug="colophon", title="Colophon", show_in="footer", order=3)
    PageFactory(slug="draft", show_in="header", status=Status.DRAFT)
    PageFactory(slug="unlinked")

    html = client.get("/").text

    assert links(html, "Main")[-2:] == [("/about/", "About"), ("/contact/", "Contact")]
    assert links(html, "Site") == [("/colophon/", "Colophon"), ("/legal/", "Legal")]
    assert "/draft/" not in html and "/unlinked/" not in html


def test_without_footer_pages_the_footer_has_no_empty_list(client):
    assert '<nav aria-label="Site">' not in client.get("/").text


def test_the_links_cost_one_query_however_many_pages_are_linked(client):
    article = ArticleFactory()

    def page_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        return [query for query in captured if "pages_page" in query["sql"]]

    assert len(page_queries()) == 1
    for n in range(10):
        PageFactory(show_in="header" if n % 2 else "footer")
    assert len(page_queries()) == 1


def test_once_rendered_the_links_cost_no_query_until_the_site_changes(client):
    article = ArticleFactory()
    about = PageFactory(slug="about", title="About", show_in="header")
    client.get("/")

    with CaptureQueriesContext(connection) as captured:
        html = client.get(article.get_absolute_url()).text
    assert ("/about/", "About") in links(html, "Main")
    assert not [query for query in captured if "pages_page" in query["sql"]]

    about.title = "About us"
    about.save()
    assert ("/about/", "About us") in links(client.get("/").text, "Main")


@pytest.mark.parametrize("page_cache", [False, True])
def test_a_page_scheduled_for_the_header_appears_when_its_time_comes(
    client, settings, page_cache
):
    settings.PAGE_CACHE = page_cache
    soon = timezone.now() + timedelta(hours=1)
    PageFactory(slug="launch", title="Launch", show_in="header", published_at=soon)
    assert "/launch/" not in client.get("/").text

    with time_machine.travel(soon + timedelta(minutes=1)):
        assert ("/launch/", "Launch") in links(client.get("/").text, "Main")
