"""The comments of anything live under its address + "comments/", and an
article whose own slug ends in "comments" is still that article."""

import pytest

from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def test_an_article_whose_slug_ends_in_comments_answers_at_its_address(client):
    article = ArticleFactory(slug="template-comments", title="Template: Comments")
    CommentFactory(article=article, body="First!")

    page = client.get("/articles/template-comments/")
    thread = client.get("/articles/template-comments/comments/")

    assert page.status_code == 200
    assert "<h1>Template: Comments</h1>" in page.text
    assert thread.status_code == 200
    assert "First!" in thread.text
