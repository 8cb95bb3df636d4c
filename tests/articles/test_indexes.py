"""Readers find articles by topic, series and author."""

import re
from xml.etree import ElementTree

import pytest
from django.core.cache import cache

from articles.models import Status
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
    assert "Mine & yours" in text
    assert "Not yet" not in text and "Someone else's" not in text
    assert 'Tom & "Jerry" <on cats>' in text


def test_an_article_names_its_author_with_a_link_to_their_page(client):
    article = ArticleFactory()

    html = client.get(article.get_absolute_url()).content.decode()

    author = article.author
    assert (
        f'By <a href="/authors/{author.slug}/" rel="author">{author.name}</a>' in html
    )


def test_sitemaps_list_the_indexes_and_authors_with_published_articles(client):
    cache.clear()
    author = ArticleFactory().author
    draft_author = draft().author

    pages = section(client, "pages")
    authors = section(client, "authors")

    assert {f"{SITE}/topics/", f"{SITE}/series/", f"{SITE}/authors/"} <= set(pages)
    assert f"{SITE}{author.get_absolute_url()}" in authors
    assert f"{SITE}{draft_author.get_absolute_url()}" not in authors
