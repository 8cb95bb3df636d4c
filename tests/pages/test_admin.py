"""Editors write pages in the admin; a page cannot take another route's address."""

import pytest
from reversion.models import Version

from pages.models import Page

pytestmark = pytest.mark.django_db

ADD = "/admin/pages/page/add/"


def page_form(**changes):
    return {
        "title": "Colophon",
        "slug": "colophon",
        "kind": "page",
        "summary": "How the site is made.",
        "body": "Made with care.",
        "show_in": "",
        "order": "0",
        "status": "published",
        **changes,
    }


def test_an_editor_adds_a_page_with_a_revision(editor_client):
    response = editor_client.post(ADD, page_form())

    assert response.status_code == 302
    page = Page.objects.get(slug="colophon")
    assert page.body_html == "<p>Made with care.</p>\n"
    assert Version.objects.get_for_object(page).count() == 1
    assert editor_client.get(f"/admin/pages/page/{page.pk}/change/").status_code == 200


@pytest.mark.parametrize(
    "slug",
    ["articles", "topics", "series", "search", "feeds", "preview", "admin",
     "sitemap", "robots", "llms", "static", "media", "healthz", "Articles"],
)  # fmt: skip
def test_a_slug_another_route_uses_is_refused(editor_client, slug):
    response = editor_client.post(ADD, page_form(slug=slug))

    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["slug"]
    assert "belongs to another part of the site" in error
    assert not Page.objects.filter(slug=slug).exists()
