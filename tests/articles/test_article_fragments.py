"""An article's body and its page's head are kept rendered in each worker's
memory, under what they show: every change to it shows on the next render."""

import re

import pytest

from publishing.models import Status
from tests.factories import ArticleFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db


def text(html):
    """What a reader reads in ``html``, one space between words."""
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
    return re.sub(r" ([,.])", r"\1", words)


def retitle(article):
    article.title = "Currents"
    article.save()
    return "Currents · "


def new_body(article):
    article.body = "## Drift\n\nNew words.\n\n## Ebb\n\nMore.\n"
    article.save()
    return "Contents Drift Ebb"


def rename_author(article):
    article.author.name = "Ada Diver"
    article.author.save()
    return "By Ada Diver"


def rename_series(article):
    article.series.title = "Estuaries"
    article.series.save()
    return "Estuaries, part 1 of 1"


def lengthen_series(article):
    ArticleFactory(series=article.series, series_position=2)
    return "Harbours, part 1 of 2"


def rename_topic(article):
    topic = article.topics.get()
    topic.name = "Rivers"
    topic.save()
    return "Rivers"


@pytest.mark.parametrize(
    "change",
    [retitle, new_body, rename_author, rename_series, lengthen_series, rename_topic],
)
def test_an_article_page_shows_each_change_to_what_it_shows(client, settings, change):
    settings.PAGE_CACHE = False
    article = ArticleFactory(
        title="Tides",
        series=SeriesFactory(title="Harbours"),
        series_position=1,
        topics=[TopicFactory(name="Water")],
    )
    path = article.get_absolute_url()
    before = text(client.get(path).content.decode())
    assert "Harbours, part 1 of 1" in before

    expected = change(article)

    after = text(client.get(path).content.decode())
    assert expected not in before
    assert expected in after


def test_an_article_previewed_as_a_draft_reads_as_published_once_live(
    client, editor_client, settings
):
    settings.PAGE_CACHE = False
    article = ArticleFactory(title="Tides", status=Status.DRAFT)
    preview = editor_client.get(f"/preview/{article.pk}/").content.decode()
    assert "Draft, not published" in text(preview)

    article.status = Status.PUBLISHED
    article.save()

    page = text(client.get(article.get_absolute_url()).content.decode())
    assert "Draft, not published" not in page
    assert "· Published" in page
