"""Pages run a fixed number of queries, however much content the site has."""

import pytest

from articles.models import Article
from articles.spelling import refresh_vocabulary
from pages.models import ShowIn
from tests.factories import ArticleFactory, PageFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db


def build_site(size):
    """A series of `size` parts, each with `size` topics shared site-wide,
    and `size` pages linked from the header and from the footer."""
    for show_in in (ShowIn.HEADER, ShowIn.FOOTER):
        PageFactory.create_batch(size, show_in=show_in)
    series = SeriesFactory()
    topics = TopicFactory.create_batch(size)
    articles = [
        ArticleFactory(series=series, series_position=n + 1) for n in range(size)
    ]
    Article.topics.through.objects.bulk_create(
        Article.topics.through(article=article, topic=topic)
        for article in articles
        for topic in topics
    )
    return series, topics[0], articles[size // 2]


PAGES = {
    "home": lambda series, topic, article: "/",
    "list": lambda series, topic, article: "/articles/",
    "topic": lambda series, topic, article: topic.get_absolute_url(),
    "series": lambda series, topic, article: series.get_absolute_url(),
    "article": lambda series, topic, article: article.get_absolute_url(),
    "search": lambda series, topic, article: "/search/?q=article",
    # Misspelled: no full-text match, a suggestion and close matches by title.
    "typo search": lambda series, topic, article: "/search/?q=artcle",
    "topics": lambda series, topic, article: "/topics/",
    "series index": lambda series, topic, article: "/series/",
    "authors": lambda series, topic, article: "/authors/",
    "author": lambda series, topic, article: article.author.get_absolute_url(),
    "year": lambda series, topic, article: f"/archive/{article.published_at:%Y}/",
    "month": lambda series, topic, article: f"/archive/{article.published_at:%Y/%m}/",
    "about page": lambda series, topic, article: "/about/",
    "privacy notice": lambda series, topic, article: "/privacy/",
}
CEILING = 7


def queries_per_page(client, django_assert_max_num_queries, site):
    # The first page after a change works out when the next scheduled change
    # falls (the page cache's clock): once for the whole site, not per page.
    client.get("/")
    counts = {}
    for page, url_for in PAGES.items():
        with django_assert_max_num_queries(CEILING) as captured:
            assert client.get(url_for(*site)).status_code == 200
        counts[page] = len(captured)
    return counts


def test_pages_run_the_same_queries_with_1_or_100_articles_and_topics(
    client, django_assert_max_num_queries
):
    small = queries_per_page(client, django_assert_max_num_queries, build_site(1))
    large = queries_per_page(client, django_assert_max_num_queries, build_site(100))

    assert small == large


def test_a_misspelled_search_finds_close_matches_on_any_size_of_site(client):
    build_site(20)
    refresh_vocabulary.call()  # as the worker does after each change

    response = client.get("/search/", {"q": "artcle"})

    assert response.context["suggestion"] == "article"
    assert len(response.context["close_matches"]) == 10
