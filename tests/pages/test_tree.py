"""Pages under pages: nested addresses, and a moved page's old address redirects."""

import pytest

from pages.models import Page
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    about = PageFactory(slug="studio", title="Our studio")
    team = PageFactory(slug="team", title="The team", parent=about)
    PageFactory(slug="founders", title="Founders", parent=team)
    return about, team


def test_a_page_under_another_answers_at_its_nested_address(client, tree):
    founders = Page.objects.get(slug="founders")

    response = client.get("/studio/team/founders/")

    assert founders.get_absolute_url() == "/studio/team/founders/"
    assert response.status_code == 200
    assert "Founders" in response.text
    crumbs = [c.name for c in response.context["seo"].breadcrumbs]
    assert crumbs == ["Home", "Our studio", "The team", "Founders"]


def test_a_nested_page_is_not_found_at_its_bare_slug_or_under_another_parent(
    client, tree
):
    PageFactory(slug="visit")

    assert client.get("/founders/").status_code == 404
    assert client.get("/visit/founders/").status_code == 404
    assert client.get("/studio/founders/").status_code == 404


def test_moving_a_page_moves_its_children_and_the_old_addresses_redirect_once(
    client, tree
):
    _, team = tree
    company = PageFactory(slug="company")

    team.parent = company
    team.save()

    assert client.get("/company/team/founders/").status_code == 200
    for old, new in (
        ("/studio/team/", "/company/team/"),
        ("/studio/team/founders/", "/company/team/founders/"),
    ):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)


def test_a_page_cannot_sit_under_its_own_child(tree):
    about, _ = tree
    about.parent = Page.objects.get(slug="founders")

    with pytest.raises(Exception, match="cannot sit under itself"):
        about.full_clean()


def test_editors_choose_a_parent_in_the_admin(editor_client, tree):
    about, _ = tree
    response = editor_client.post(
        "/admin/pages/page/add/",
        {
            "title": "History", "slug": "history", "parent": about.pk,
            "kind": "page", "summary": "Where we come from.", "body": "Long ago.",
            "show_in": "", "order": "0", "status": "published",
        },
    )  # fmt: skip

    assert response.status_code == 302
    assert Page.objects.get(slug="history").get_absolute_url() == "/studio/history/"


def test_comments_of_a_nested_page_have_their_own_address(client, tree):
    _, team = tree
    team.comments_open = True
    team.save()

    assert client.get("/studio/team/comments/").status_code == 200
