"""Editors pin an article to the top of the home page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.admin_forms import save_in_admin
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def card_titles(response):
    return [a.title for a in response.context["latest"]]


def test_a_pinned_article_comes_first_on_the_home_page_and_says_so(client):
    old = timezone.now() - timedelta(days=400)
    ArticleFactory(title="Old but pinned", published_at=old, pinned=True)
    ArticleFactory(title="Newest")

    response = client.get("/")

    assert card_titles(response) == ["Old but pinned", "Newest"]
    assert "<strong>Pinned</strong>" in response.text
    assert response.text.count("<strong>Pinned</strong>") == 1


def test_the_article_list_keeps_its_date_order(client):
    old = timezone.now() - timedelta(days=400)
    ArticleFactory(title="Old but pinned", published_at=old, pinned=True)
    ArticleFactory(title="Newest")

    listed = client.get("/articles/").context["object_list"]

    assert [a.title for a in listed] == ["Newest", "Old but pinned"]


def test_editors_pin_and_unpin_in_the_admin(editor_client):
    article = ArticleFactory()

    save_in_admin(editor_client, article, pinned="on")
    assert Article.objects.get().pinned

    filtered = editor_client.get("/admin/articles/article/", {"pinned__exact": "1"})
    assert list(filtered.context["cl"].result_list) == [article]
