"""A change to a page purges its page; a change to its links purges every page."""

import pytest
from django.test import Client

from pages.models import Page
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def stored(page):
    return Page.objects.get(pk=page.pk)


def test_a_page_is_tagged_with_itself(settings):
    settings.PAGE_CACHE = True
    page = PageFactory()

    xkey = Client().get(page.get_absolute_url())["xkey"]

    assert set(xkey.split()) == {"site", f"page-{page.pk}"}


def test_editing_an_unlinked_page_purges_it_and_the_sitemaps():
    page = stored(PageFactory())
    page.title = "A new title"

    assert page.purge_tags() == {f"page-{page.pk}", "sitemaps"}


def test_editing_the_body_of_a_linked_page_leaves_other_pages_alone():
    page = stored(PageFactory(show_in="footer"))
    page.body = "New words."

    assert page.purge_tags() == {f"page-{page.pk}", "sitemaps"}


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Renamed"},
        {"order": 9},
        {"show_in": "header"},
        {"show_in": ""},
        {"status": "draft"},
    ],
)
def test_changing_a_link_purges_every_page(change):
    page = stored(PageFactory(show_in="footer"))
    for name, value in change.items():
        setattr(page, name, value)

    assert "site" in page.purge_tags()


def test_linking_a_page_or_deleting_a_linked_one_purges_every_page(settings):
    settings.HTTP_CACHE_PURGE_URLS = ["http://cache.invalid/"]
    page = stored(PageFactory())
    page.show_in = "header"
    assert "site" in page.purge_tags()

    page.save()
    page = stored(page)
    page.delete()
    assert "site" in page.purge_tags()
