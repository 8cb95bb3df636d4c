"""Readers find articles by topic, series, author and month."""

import re
from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest
import time_machine
from django.core.cache import cache

from publishing.models import Status
from seo.jsonld import validate_graph
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SeriesFactory,
    TopicFactory,
)
from tests.seo.test_meta_tags import Head
from tests.seo.test_sitemaps import section

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def draft(**fields):
    return ArticleFactory(status=Status.DRAFT, published_at=None, **fields)


def entries(html):
    """The (name, count) pairs an index page lists, in order."""
    return re.findall(
        r'<li><a href="[^"]+">([^<]+)</a> <span class="meta">(\d+) ', html
    )


def test_indexes_list_what_has_published_articles_with_their_counts(client):
    topic, series, author = TopicFactory(name="Caching"), SeriesFactory(), None
    first = ArticleFactory(topics=[topic], series=series, series_position=1)
    author = first.author
    ArticleFactory(topics=[topic], series=series, series_position=2, author=author)
    draft(topics=[topic], series=series, series_position=3, author=author)
    TopicFactory(name="Only drafts")
    draft(topics=[TopicFactory(name="Drafted")])

    assert entries(client.get("/topics/").content.decode()) == [("Caching", "2")]
    assert entries(client.get("/series/").content.decode()) == [(series.title, "2")]
    assert (author.name, "2") in entries(client.get("/authors/").content.decode())


@pytest.mark.parametrize("path", ["/topics/", "/series/", "/authors/"])
def test_an_index_is_a_canonical_collection_page_with_an_item_list(client, path):
    ArticleFactory(topics=[TopicFactory()], series=SeriesFactory())

    head = Head(client.get(path))

    assert head.canonical() == f"{SITE}{path}"
    assert validate_graph(head.graph()) == []
    [page] = head.nodes("CollectionPage")
    items = page["mainEntity"]["itemListElement"]
    assert len(items) == 1 and items[0]["position"] == 1
    assert client.get(items[0]["url"].removeprefix(SITE)).status_code == 200


@pytest.mark.parametrize("path", ["/topics/", "/series/", "/authors/"])
def test_an_index_page_past_the_last_answers_404(client, path):
    ArticleFactory(topics=[TopicFactory()], series=SeriesFactory())

    assert client.get(path, {"page": 2}).status_code == 404
    assert client.get(path, {"page": "x"}).status_code == 404


def test_the_author_page_shows_bio_link_published_articles_and_feeds(client):
    author = AuthorFactory(bio="Writes on queues.", url="https://ada.example/")
    ArticleFactory(author=author, title="Queues, gently")
    draft(author=author, title="Unfinished thoughts")

    response = client.get(author.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert "Writes on queues." in html
    assert '<a href="https://ada.example/" rel="me">' in html
    assert "Queues, gently" in html and "Unfinished thoughts" not in html
    rss, atom = (f"/authors/{author.slug}/{kind}/" for kind in ("rss", "atom"))
    assert (
        f'type="application/rss+xml" title="{author.name} (RSS)" href="{rss}"' in html
    )
    assert (
        f'type="application/atom+xml" title="{author.name} (Atom)" href="{atom}"'
        in html
    )


def test_the_author_page_describes_a_person_with_their_own_site(client):
    author = AuthorFactory(bio="Writes on queues.", url="https://ada.example/")
    ArticleFactory(author=author)

    head = Head(client.get(author.get_absolute_url()))

    assert head.canonical() == f"{SITE}/authors/{author.slug}/"
    assert validate_graph(head.graph()) == []
    [page] = head.nodes("ProfilePage")
    assert page["mainEntity"] == {
        "@type": "Person",
        "name": author.name,
        "url": f"{SITE}/authors/{author.slug}/",
        "description": "Writes on queues.",
        "sameAs": ["https://ada.example/"],
    }


def test_unknown_authors_and_those_without_published_articles_answer_404(client):
    unpublished = draft().author

    assert client.get(unpublished.get_absolute_url()).status_code == 404
    assert client.get("/authors/nobody/").status_code == 404
    author = ArticleFactory().author
    assert client.get(author.get_absolute_url(), {"page": 2}).status_code == 404


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_author_feed_holds_their_published_articles_only(client, kind):
    author = AuthorFactory(bio='Tom & "Jerry" <on cats>')
    ArticleFactory(author=author, title="Mine & yours")
    draft(author=author, title="Not yet")
    ArticleFactory(title="Someone else's")

    response = client.get(f"/authors/{author.slug}/{kind}/")

    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own XML
    text = " ".join(root.itertext())
    # RSS readers show a title as HTML, so there it is escaped; Atom's is text.
    assert ("Mine &amp; yours" if kind == "rss" else "Mine & yours") in text
    assert "Not yet" not in text and "Someone else's" not in text
    assert 'Tom & "Jerry" <on cats>' in text


def test_an_article_names_its_author_with_a_link_to_their_page(client):
    article = ArticleFactory()

    html = client.get(article.get_absolute_url()).content.decode()

    author = article.author
    assert (
        f'By <a href="/authors/{author.slug}/" rel="author">{author.name}</a>' in html
    )


def published_on(year, month, day, **fields):
    """An article written and published on that day."""
    moment = datetime(year, month, day, 12, tzinfo=UTC)
    with time_machine.travel(moment, tick=False):
        return ArticleFactory(published_at=moment, **fields)


@pytest.fixture
def archive():
    published_on(2025, 3, 20, title="March, later")
    published_on(2025, 3, 10, title="March, earlier")
    published_on(2025, 5, 1, title="May")
    draft(title="A draft")


def test_a_month_lists_its_articles_oldest_first(client, archive):
    response = client.get("/archive/2025/03/")
    html = response.content.decode()

    assert response.status_code == 200
    assert html.index("March, earlier") < html.index("March, later")
    assert "May" not in re.sub(r"<head>.*</head>", "", html, flags=re.S)
    assert Head(response).canonical() == f"{SITE}/archive/2025/03/"


def test_a_year_lists_its_months_with_counts(client, archive):
    html = client.get("/archive/2025/").content.decode()

    assert entries(html) == [("May 2025", "1"), ("March 2025", "2")]


@pytest.mark.parametrize(
    "path",
    [
        "/archive/2025/04/",  # only a draft
        "/archive/2024/03/",
        "/archive/2024/",
        "/archive/2025/13/",
        "/archive/2025/3/",
        "/archive/2025/03/?page=2",
    ],
)
def test_archives_without_published_articles_answer_404(client, archive, path):
    assert client.get(path).status_code == 404


def test_the_article_list_links_each_year_of_the_archive(client, archive):
    html = client.get("/articles/").content.decode()

    assert '<a href="/archive/2025/">2025</a>' in html


def test_sitemaps_list_indexes_authors_and_archives(client, archive):
    cache.clear()
    author = ArticleFactory().author
    draft_author = draft().author

    pages = section(client, "pages")
    authors = section(client, "authors")
    archives = section(client, "archive")

    assert {f"{SITE}/topics/", f"{SITE}/series/", f"{SITE}/authors/"} <= set(pages)
    assert f"{SITE}{author.get_absolute_url()}" in authors
    assert f"{SITE}{draft_author.get_absolute_url()}" not in authors
    assert {f"{SITE}/archive/2025/", f"{SITE}/archive/2025/03/"} <= set(archives)
    assert f"{SITE}/archive/2025/04/" not in archives
    assert archives[f"{SITE}/archive/2025/"]["lastmod"].startswith("2025-05-01")
    assert archives[f"{SITE}/archive/2025/03/"]["lastmod"].startswith("2025-03-20")


def test_home_orders_topics_by_published_article_count_then_name(client):
    alpha, beta, gamma = (TopicFactory(name=n) for n in ("Alpha", "Beta", "Gamma"))
    for _ in range(2):
        ArticleFactory(topics=[gamma, beta])
        draft(topics=[alpha])
    ArticleFactory(topics=[alpha])

    html = client.get("/").content.decode()

    topics = html[html.index('id="topics"') :]
    assert re.findall(r'href="/topics/[^"]+/">([^<]+)<', topics) == [
        "Beta",
        "Gamma",
        "Alpha",
    ]
