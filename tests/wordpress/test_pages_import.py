"""WordPress pages: their comments, their tree, their Unicode slugs, and the
site's own About page (issue items 2 and 7)."""

from urllib.parse import quote

import pytest

from comments.models import Comment
from pages.models import Page
from tests.wordpress.conftest import FIXTURE, FIXTURES

pytestmark = pytest.mark.django_db
THEME_TEST = FIXTURES / "theme-unit-test-data.xml"
WORDPRESS_COM = FIXTURES / "wordpress-com-2025.xml"


def test_comments_on_pages_come_along_and_show(client, import_wordpress):
    out = import_wordpress(THEME_TEST)

    page = Page.objects.get(path="about/page-with-comments")
    assert Comment.objects.on(page).count() == 4
    assert Comment.objects.filter(entry__in=Page.objects.values("entry")).count() == 5
    assert "on a page" not in out
    html = client.get("/about/page-with-comments/").text
    shown = Comment.objects.on(page).approved().count()
    assert shown == 3  # the fourth awaits moderation, as it did there
    assert html.count('<article class="comment') == shown


def test_the_page_tree_keeps_its_nested_addresses_whatever_the_order(
    client, import_wordpress
):
    import_wordpress(THEME_TEST)  # level-3 comes before level-2 and level-1

    level_3 = Page.objects.get(slug="level-3")
    assert level_3.get_absolute_url() == "/level-1/level-2/level-3/"
    assert [p.title for p in level_3.lineage()] == ["Level 3", "Level 2", "Level 1"]
    assert client.get("/level-1/level-2/level-3/").status_code == 200
    assert client.get("/?page_id=172")["Location"] == "/level-1/level-2/level-3/"


def test_greek_slugs_are_kept_not_numbered_nor_reported_as_taken(
    client, import_wordpress
):
    out = import_wordpress(THEME_TEST)

    second = Page.objects.get(title="Επίπεδο 2 -Second Greek level")
    third = Page.objects.get(title="Επίπεδο 3")
    assert second.path == "greek/επίπεδο-2"
    assert third.path == "greek/επίπεδο-2/επίπεδο-3"
    assert not Page.objects.filter(slug__in=["2", "3"]).exists()
    assert "is taken here" not in out
    response = client.get(f"/greek/{quote('επίπεδο-2')}/{quote('επίπεδο-3')}/")
    assert response.status_code == 200


def test_a_page_whose_address_changed_answers_its_old_nested_one_with_one_301(
    client, import_wordpress
):
    ours = Page.objects.get(slug="about")
    ours.body = "We are a boatyard, and this is our own page."
    ours.save()

    import_wordpress(WORDPRESS_COM)

    response = client.get("/about/moorings/")
    assert (response.status_code, response["Location"]) == (301, "/about-2/moorings/")
    assert client.get("/about-2/moorings/").status_code == 200
    assert "our own page" in client.get("/about/").text


def test_an_about_page_edited_here_keeps_its_address(import_wordpress):
    ours = Page.objects.get(slug="about")
    ours.body = "We write about the back end, from London."
    ours.save()

    out = import_wordpress(FIXTURE)

    assert Page.objects.get(slug="about").body.startswith("We write about")
    theirs = Page.objects.get(slug="about-2")
    assert theirs.body == "A small site about the back end.\n"
    assert "its address “about” is taken here: now at /about-2/" in out
