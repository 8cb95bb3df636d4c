"""Addresses are reversed once per worker, and still follow where the site
is mounted and which URLconf it runs."""

from django.urls import include, path, set_script_prefix

from tests.factories import ArticleFactory

# A URLconf that mounts the articles under /moved/.
urlpatterns = [path("moved/", include("articles.urls"))]


def test_an_address_follows_the_script_prefix_it_is_served_under():
    article = ArticleFactory.build(slug="harbours")
    assert article.get_absolute_url() == "/articles/harbours/"

    set_script_prefix("/blog/")
    try:
        assert article.get_absolute_url() == "/blog/articles/harbours/"
    finally:
        set_script_prefix("/")


def test_an_address_follows_a_new_urlconf(settings):
    article = ArticleFactory.build(slug="harbours")
    assert article.get_absolute_url() == "/articles/harbours/"

    settings.ROOT_URLCONF = "tests.test_routes"

    assert article.get_absolute_url() == "/moved/articles/harbours/"
