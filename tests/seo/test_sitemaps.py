"""The sitemap index and its sections follow the protocol and every invariant."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.utils import timezone

from publishing.models import Status
from tests.factories import ArticleFactory, CommentFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
}
SITE = "http://127.0.0.1:8000"
SECTIONS = ("pages", "articles", "series", "topics", "authors", "archive", "site")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def fetch_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own XML


def index_entries(client):
    root = fetch_xml(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    return {
        entry.find("sm:loc", NS).text: getattr(
            entry.find("sm:lastmod", NS), "text", None
        )
        for entry in root.findall("sm:sitemap", NS)
    }


def section(client, name):
    root = fetch_xml(client, f"/sitemap-{name}.xml")
    assert root.tag == f"{{{NS['sm']}}}urlset"
    urls = {}
    for url in root.findall("sm:url", NS):
        loc = url.find("sm:loc", NS).text
        assert loc.startswith(f"{SITE}/")
        urls[loc] = {
            "lastmod": url.find("sm:lastmod", NS).text,
            "images": [i.text for i in url.findall("image:image/image:loc", NS)],
        }
    return urls


def test_the_index_lists_each_section(client):
    ArticleFactory(series=SeriesFactory(), series_position=1, topics=[TopicFactory()])

    assert set(index_entries(client)) == {
        f"{SITE}/sitemap-{name}.xml"
        for name in (
            "pages",
            "articles",
            "series",
            "topics",
            "authors",
            "archive",
            "site",
        )
    }


def test_articles_section_holds_only_indexable_published_articles(client):
    live = ArticleFactory(slug="live")
    ArticleFactory(
        slug="self-canonical", canonical_url=f"{SITE}/articles/self-canonical/"
    )
    ArticleFactory(slug="hidden", noindex=True)
    ArticleFactory(slug="elsewhere", canonical_url="https://other.example/post/")
    ArticleFactory(slug="draft", status=Status.DRAFT)
    ArticleFactory(slug="scheduled", published_at=timezone.now() + timedelta(hours=1))
    ArticleFactory(
        slug="expired",
        published_at=timezone.now() - timedelta(days=2),
        unpublish_at=timezone.now() - timedelta(days=1),
    )

    urls = section(client, "articles")

    assert set(urls) == {f"{SITE}/articles/live/", f"{SITE}/articles/self-canonical/"}
    assert urls[f"{SITE}/articles/live/"]["images"] == [
        f"{SITE}/share/article-{live.pk}-{live_digest(live)}.png"
    ]


def live_digest(article):
    from seo.models import ShareImage

    return ShareImage.objects.get(key=f"article-{article.pk}").digest


def test_lastmod_is_the_last_content_change_not_a_comment(client):
    article = ArticleFactory(slug="steady")
    before = section(client, "articles")[f"{SITE}/articles/steady/"]["lastmod"]

    cache.clear()
    CommentFactory(article=article)
    article.comments_open = False
    article.save()
    assert section(client, "articles")[f"{SITE}/articles/steady/"]["lastmod"] == before

    cache.clear()
    article.body += "\nA new paragraph."
    article.save()
    assert section(client, "articles")[f"{SITE}/articles/steady/"]["lastmod"] > before


def test_index_lastmod_is_the_newest_lastmod_of_its_section(client):
    ArticleFactory(published_at=timezone.now() - timedelta(days=5))
    ArticleFactory(published_at=timezone.now() - timedelta(days=3))

    newest = max(item["lastmod"] for item in section(client, "articles").values())

    assert index_entries(client)[f"{SITE}/sitemap-articles.xml"] == newest


def test_every_sections_index_lastmod_is_the_newest_lastmod_it_lists(client):
    old, new = TopicFactory(), TopicFactory()
    ArticleFactory(
        series=SeriesFactory(),
        series_position=1,
        topics=[old],
        published_at=timezone.now() - timedelta(days=40),
    )
    days_ago = timezone.now() - timedelta(days=9)
    edited = ArticleFactory(topics=[new], published_at=days_ago)
    ArticleFactory(topics=[old], published_at=timezone.now() - timedelta(days=3))
    ArticleFactory(topics=[new], status=Status.DRAFT)
    cache.clear()
    edited.summary = "Rewritten."
    edited.save()

    index = index_entries(client)

    for name in SECTIONS:
        listed = section(client, name)
        newest = max((url["lastmod"] for url in listed.values()), default=None)
        assert index[f"{SITE}/sitemap-{name}.xml"] == newest, name


def test_series_and_topics_sections_list_only_those_with_published_articles(client):
    shown, empty = SeriesFactory(slug="shown"), SeriesFactory(slug="empty")
    ArticleFactory(series=shown, series_position=1, topics=[TopicFactory(slug="used")])
    ArticleFactory(
        series=empty,
        series_position=1,
        status=Status.DRAFT,
        topics=[TopicFactory(slug="unused")],
    )

    assert set(section(client, "series")) == {f"{SITE}/series/shown/"}
    assert set(section(client, "topics")) == {f"{SITE}/topics/used/"}


def test_sitemaps_answer_with_a_few_queries_however_large_the_site(
    client, django_assert_max_num_queries
):
    def queries():
        counts = []
        for url in ["/sitemap.xml", *(f"/sitemap-{name}.xml" for name in SECTIONS)]:
            cache.clear()
            Site.objects.clear_cache()
            with django_assert_max_num_queries(5) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    ArticleFactory(topics=[TopicFactory()])
    few = queries()
    ArticleFactory.create_batch(40, topics=[TopicFactory()])

    assert queries() == few


def test_sitemaps_are_cached(client, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE = True
    ArticleFactory()
    client.get("/sitemap-articles.xml")

    with django_assert_max_num_queries(1):  # the page cache's one read
        assert client.get("/sitemap-articles.xml").status_code == 200


def test_the_index_of_a_site_without_articles_answers(client):
    assert index_entries(client)[f"{SITE}/sitemap-pages.xml"] is None
