"""Every page opens with the same header: the main links and a search box."""

import re

import pytest

from tests.factories import ArticleFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db

SEARCH_BOX = re.compile(
    r'<form class="site-search" action="/search/" method="get" role="search" '
    r'aria-label="Site">\s*'
    r'<label class="visually-hidden" for="site-search-q">Search articles</label>\s*'
    r'<input id="site-search-q" type="search" name="q" maxlength="200">\s*'
    r'<button type="submit">Search</button>\s*</form>'
)


@pytest.fixture
def article():
    return ArticleFactory(
        topics=[TopicFactory()], series=SeriesFactory(), series_position=1
    )


PAGES = {
    "home": lambda article: "/",
    "articles": lambda article: "/articles/",
    "article": lambda article: article.get_absolute_url(),
    "topic": lambda article: article.topics.get().get_absolute_url(),
    "series": lambda article: article.series.get_absolute_url(),
    "topics": lambda article: "/topics/",
    "series index": lambda article: "/series/",
    "authors": lambda article: "/authors/",
    "author": lambda article: article.author.get_absolute_url(),
    "year": lambda article: f"/archive/{article.published_at:%Y}/",
    "month": lambda article: f"/archive/{article.published_at:%Y/%m}/",
    "search": lambda article: "/search/?q=article",
    "not found": lambda article: "/no-such-page/",
}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_the_search_box_and_the_index_links(client, article, name):
    response = client.get(PAGES[name](article))
    html = response.content.decode()

    assert response.status_code == (404 if name == "not found" else 200)
    assert len(SEARCH_BOX.findall(html)) == 1
    nav = html[html.index('<nav aria-label="Main">') :]
    nav = nav[: nav.index("</nav>")]
    assert '<a href="/series/">Series</a>' in nav
    assert '<a href="/topics/">Topics</a>' in nav
