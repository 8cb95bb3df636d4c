"""Old addresses keep working: 301 in one hop, never a loop, 410 when gone."""

import pytest
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError

from publishing.models import Status
from seo.redirects import add_redirect
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def rename(article, slug):
    article.slug = slug
    article.save()


def test_a_published_articles_old_slug_answers_301_to_the_new_one(client):
    article = ArticleFactory(slug="old-name")

    rename(article, "new-name")

    response = client.get("/articles/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/new-name/"
    assert client.get("/articles/new-name/").status_code == 200


def test_an_old_slug_with_a_query_string_redirects_and_keeps_the_query(client):
    article = ArticleFactory(slug="old-name")
    rename(article, "new-name")

    response = client.get("/articles/old-name/", {"utm_source": "feed"})

    assert response.status_code == 301
    assert response["Location"] == "/articles/new-name/?utm_source=feed"


def test_an_old_slugs_markdown_twin_and_comment_pages_redirect_too(client):
    article = ArticleFactory(slug="old-name")
    rename(article, "new-name")

    twin = client.get("/articles/old-name.md")
    comments = client.get("/articles/old-name/comments/", {"page": "2"})

    assert (twin.status_code, twin["Location"]) == (301, "/articles/new-name.md")
    assert (comments.status_code, comments["Location"]) == (
        301,
        "/articles/new-name/comments/?page=2",
    )


def test_an_exact_stored_address_with_a_query_string_wins(client):
    ArticleFactory(slug="target")
    add_redirect("/archives/?p=123", "/articles/target/")
    add_redirect("/archives/", "/articles/")

    response = client.get("/archives/", {"p": "123"})

    assert response["Location"] == "/articles/target/"


def test_renaming_a_draft_leaves_no_redirect():
    article = ArticleFactory(slug="draft-name", status=Status.DRAFT)

    rename(article, "better-name")

    assert not Redirect.objects.exists()


def test_chains_collapse_into_one_hop(client):
    article = ArticleFactory(slug="a")
    rename(article, "b")
    rename(article, "c")

    for old in ("/articles/a/", "/articles/b/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, "/articles/c/")


def test_renaming_back_serves_the_original_address_again(client):
    article = ArticleFactory(slug="first")
    rename(article, "second")
    rename(article, "first")

    assert client.get("/articles/first/").status_code == 200
    assert client.get("/articles/second/")["Location"] == "/articles/first/"


def test_loops_are_refused():
    add_redirect("/one/", "/two/")
    add_redirect("/two/", "/three/")

    with pytest.raises(ValidationError, match="loop"):
        add_redirect("/three/", "/one/")
    with pytest.raises(ValidationError, match="loop"):
        add_redirect("/four/", "/four/")


def test_a_deleted_article_and_its_old_addresses_answer_410(client):
    article = ArticleFactory(slug="before")
    rename(article, "after")

    article.delete()

    assert client.get("/articles/after/").status_code == 410
    assert client.get("/articles/before/").status_code == 410


def test_editors_add_manual_redirects_with_the_same_rules(editor_client, client):
    ArticleFactory(slug="target")
    add_redirect("/old-target/", "/articles/target/")
    form = {"site": 1, "old_path": "/promo/", "new_path": "/old-target/"}

    response = editor_client.post("/admin/redirects/redirect/add/", form)

    assert response.status_code == 302
    assert Redirect.objects.get(old_path="/promo/").new_path == "/articles/target/"
    assert client.get("/promo/")["Location"] == "/articles/target/"


def test_the_admin_refuses_a_manual_loop(editor_client):
    add_redirect("/x/", "/y/")

    response = editor_client.post(
        "/admin/redirects/redirect/add/",
        {"site": 1, "old_path": "/y/", "new_path": "/x/"},
    )

    assert response.status_code == 200
    assert "would make a loop" in response.content.decode()
    assert not Redirect.objects.filter(old_path="/y/").exists()
