"""Slugs in any script: Greek, Cyrillic, Japanese… answer at their address."""

from urllib.parse import quote

import pytest

from articles.models import Article
from publishing.models import Status
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, AuthorFactory, PageFactory

pytestmark = pytest.mark.django_db


def test_an_article_with_a_greek_slug_answers_at_its_percent_encoded_address(
    client,
):
    article = ArticleFactory(slug="επίπεδο-2", title="Επίπεδο 2")
    encoded = f"/articles/{quote('επίπεδο-2')}/"

    response = client.get(encoded)

    assert article.get_absolute_url() == encoded
    assert response.status_code == 200
    assert "Επίπεδο 2" in response.text
    assert client.get(f"/articles/{quote('επίπεδο-2')}.md").status_code == 200
    assert client.get(f"{encoded}comments/").status_code == 200


def test_a_page_with_a_cyrillic_slug_under_another_answers_nested(client):
    parent = PageFactory(slug="о-нас", title="О нас")
    child = PageFactory(slug="команда", title="Команда", parent=parent)

    response = client.get(child.get_absolute_url())

    assert child.get_absolute_url() == f"/{quote('о-нас')}/{quote('команда')}/"
    assert response.status_code == 200


def test_editors_write_a_unicode_slug_in_the_admin(editor_client):
    response = editor_client.get("/admin/articles/article/add/")
    data = {
        **change_form_data(response),
        "title": "日本語の記事",
        "slug": "日本語の記事",
        "summary": "A summary.",
        "body": "Body text.",
        "author": AuthorFactory().pk,
        "status": Status.DRAFT,
    }

    assert editor_client.post("/admin/articles/article/add/", data).status_code == 302
    assert Article.objects.get().slug == "日本語の記事"
