"""Cards of articles are kept in each worker's memory, under what they show:
whatever changes on a card shows at once on every list."""

import re

import pytest

from tests.factories import ArticleFactory, CommentFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def card(client, path, article):
    """The card of ``article`` on the page at ``path``, as its text."""
    html = client.get(path).content.decode()
    cards = re.findall(r'<article class="card">.*?</article>', html, re.DOTALL)
    href = f'href="{article.get_absolute_url()}"'
    (found,) = [card for card in cards if href in card]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found)).strip()


def test_a_card_shows_every_change_to_what_it_shows(client):
    series = SeriesFactory(title="Harbours")
    article = ArticleFactory(title="Tides", series=series, series_position=1)
    assert card(client, "/", article).startswith("Tides")

    article.title, article.summary = "Currents", "Where the water goes."
    article.body += "\nMore words " * 300
    article.save()
    series.title = "Estuaries"
    series.save()
    CommentFactory(article=article)

    shown = card(client, "/", article)
    assert shown.startswith("Currents")
    assert "3 min read · 1 comment · Estuaries, part 1" in shown
    assert shown.endswith("Where the water goes.")


def test_the_same_card_shows_on_every_list_and_each_level_of_heading(client):
    article = ArticleFactory(title="Tides")

    home = client.get("/").content.decode()
    listing = client.get("/articles/").content.decode()

    assert f'<h3 class="card-title"><a href="/articles/{article.slug}/">' in home
    assert f'<h2 class="card-title"><a href="/articles/{article.slug}/">' in listing
    assert card(client, "/", article) == card(client, "/articles/", article)
