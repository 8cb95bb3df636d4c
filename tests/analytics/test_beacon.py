"""Pages report their views and reads; readers are counted, never followed."""

import pytest

from analytics.models import DailyCount, DailyReferrer, DailySearch
from tests.analytics.conftest import BROWSER
from tests.factories import ArticleFactory, PageFactory

pytestmark = pytest.mark.django_db


def counts(publishable):
    row = DailyCount.objects.filter(entry=publishable.entry_id).first()
    return (row.views, row.reads, row.visitors) if row else (0, 0, 0)


def test_a_view_and_a_read_are_counted_for_the_article(beacon, fold):
    article = ArticleFactory()

    response = beacon(article.get_absolute_url())
    beacon(article.get_absolute_url(), "r")
    fold()

    assert response.status_code == 204
    assert counts(article) == (1, 1, 1)


def test_the_answer_is_empty_never_cached_and_sets_no_cookie(beacon):
    response = beacon(ArticleFactory().get_absolute_url())

    assert response.status_code == 204 and response.content == b""
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_pages_count_as_articles_do(beacon, fold):
    page = PageFactory()

    beacon(page.get_absolute_url())
    fold()

    assert counts(page) == (1, 0, 1)


def test_one_visitor_opening_an_article_twice_is_two_views_one_visitor(beacon, fold):
    article = ArticleFactory()

    beacon(article.get_absolute_url())
    beacon(article.get_absolute_url())
    beacon(article.get_absolute_url(), address="198.51.100.4")
    fold()

    assert counts(article) == (3, 0, 2)


@pytest.mark.parametrize("header", ["DNT", "Sec-GPC"])
def test_a_reader_asking_not_to_be_tracked_is_a_view_never_a_visitor(
    beacon, fold, header
):
    article = ArticleFactory()

    beacon(article.get_absolute_url(), headers={header: "1"})
    fold()

    assert counts(article) == (1, 0, 0)


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        BROWSER.replace("Chrome/", "HeadlessChrome/"),
        "python-requests/2.32.3",
        "",
    ],
)
def test_bots_are_not_counted(beacon, fold, agent):
    article = ArticleFactory()

    assert beacon(article.get_absolute_url(), agent=agent).status_code == 204
    fold()

    assert counts(article) == (0, 0, 0)


def test_signed_in_staff_are_not_counted(beacon, fold, editor_client):
    article = ArticleFactory()

    beacon(article.get_absolute_url())
    fold()

    assert counts(article) == (0, 0, 0)


def test_drafts_and_addresses_that_are_no_content_are_not_counted(beacon, fold):
    draft = ArticleFactory(status="draft")

    for path in (draft.get_absolute_url(), "/", "/topics/", "/no-such-page/"):
        assert beacon(path).status_code == 204
    fold()

    assert counts(draft) == (0, 0, 0)
    assert not DailyCount.objects.exists()


def test_the_host_of_the_linking_site_is_kept_with_the_view(beacon, fold):
    article = ArticleFactory()

    beacon(article.get_absolute_url(), r="news.example.org")
    beacon(article.get_absolute_url(), r="news.example.org", address="198.51.100.4")
    fold()

    referrer = DailyReferrer.objects.get()
    assert (referrer.entry_id, referrer.host, referrer.count) == (
        article.entry_id,
        "news.example.org",
        2,
    )


def test_a_search_that_found_nothing_keeps_its_words_alone(beacon, fold):
    beacon("/search/", q="  Kubernetes   Operators ")
    beacon("/search/", q="kubernetes operators", address="198.51.100.4")
    fold()

    search = DailySearch.objects.get()
    assert (search.query, search.count) == ("kubernetes operators", 2)
    assert not DailyCount.objects.exists()


def test_words_reported_from_another_page_are_not_kept(beacon, fold):
    beacon(ArticleFactory().get_absolute_url(), q="words")
    fold()

    assert not DailySearch.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"e": "x", "p": "/articles/a/"},
        {"e": "v", "p": "articles/a/"},
        {"e": "v", "p": "//elsewhere.example/"},
        {"e": "v", "p": "/articles/a/\x00"},
        {"e": "v", "p": "/" + "a" * 600},
        {"e": "v", "p": "/articles/a/", "r": "not a host"},
        {"e": "r", "p": "/search/", "q": "read words"},
        {"e": "v", "p": "/search/", "q": "x" * 201},
    ],
)
def test_a_beacon_that_cannot_be_read_is_refused_with_400(beacon, fields):
    event, path = fields.pop("e"), fields.pop("p")

    assert beacon(path, event, **fields).status_code == 400


def test_a_beacon_from_another_sites_page_is_refused(beacon):
    response = beacon("/articles/a/", headers={"Sec-Fetch-Site": "cross-site"})

    assert response.status_code == 403


def test_other_methods_are_not_allowed(client):
    assert client.put("/count").status_code == 405


def test_without_script_the_stylesheet_request_counts_the_page_it_names(client, fold):
    article = ArticleFactory()

    response = client.get(
        "/count",
        headers={
            "Referer": f"http://testserver{article.get_absolute_url()}",
            "User-Agent": BROWSER,
        },
    )
    client.get("/count", headers={"Referer": "http://elsewhere.example/articles/x/"})
    fold()

    assert response.status_code == 204 and response["Cache-Control"] == "no-store"
    assert counts(article) == (1, 0, 1)


def test_a_beacon_costs_no_query_once_the_day_has_its_salt(
    beacon, django_assert_num_queries
):
    path = ArticleFactory().get_absolute_url()
    beacon(path)  # the worker fetches the day's salt, once a day

    with django_assert_num_queries(0):
        for address in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
            beacon(path, address=address)
            beacon(path, "r", address=address)


def test_with_counting_off_there_is_no_script_and_no_address(client, settings, beacon):
    article = ArticleFactory()
    assert 'data-count="/count"' in client.get(article.get_absolute_url()).text

    settings.ANALYTICS_ENABLED = False

    assert "data-count" not in client.get(article.get_absolute_url()).text
    assert beacon(article.get_absolute_url()).status_code == 404
