"""Editors see what is read on the admin's index and each article's form."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from analytics import store
from analytics.models import (
    DailyCount,
    DailyReferrer,
    DailySearch,
    DailyVisitors,
    FunnelStep,
)
from tests.factories import ArticleFactory, PageFactory, SeriesFactory, UserFactory

pytestmark = pytest.mark.django_db


def section(html, heading):
    start = html.index(f">{heading}</h2>")
    return html[start : html.index("</section>", start)]


def count(article, *, days_ago=0, views=0, reads=0, visitors=0):
    return DailyCount.objects.create(
        entry=article.entry,
        day=store.today() - timedelta(days=days_ago),
        views=views,
        reads=reads,
        visitors=visitors,
    )


def test_the_most_read_articles_of_the_week_with_small_numbers_hidden(editor_client):
    popular, quiet = ArticleFactory(title="Popular"), ArticleFactory(title="Quiet")
    count(popular, views=120, reads=80, visitors=90)
    count(popular, days_ago=3, views=30, reads=10, visitors=25)
    count(popular, days_ago=10, views=1000)  # last week's
    count(quiet, views=3, reads=1, visitors=2)

    top = section(editor_client.get("/admin/").text, "Most read this week")

    assert top.index("Popular") < top.index("Quiet")
    assert "<td>150</td><td>90</td><td>115</td>" in top
    assert "<td>&lt; 5</td><td>&lt; 5</td><td>&lt; 5</td>" in top
    assert "1,150" not in top


def test_each_period_has_a_chart_with_its_numbers_as_text(editor_client):
    count(ArticleFactory(), views=42, reads=7, visitors=30)
    count(ArticleFactory(), views=8, reads=3, visitors=8)
    DailyVisitors.objects.create(day=store.today(), visitors=33)

    html = editor_client.get("/admin/").text
    reading = section(html, "Reading")

    for title in ("Last 7 days", "Last 30 days", "Last 365 days, by week"):
        assert f"<strong>{title}</strong>: 50 views, 10 reads, 33 visitors" in reading
        assert f"<caption>{title}: views, reads and visitors</caption>" in reading
    assert reading.count('role="img" aria-labelledby=') == 3
    assert reading.count("<polyline") == 9


def test_referrers_searches_and_series_are_listed(editor_client):
    series = SeriesFactory(title="Back end basics")
    one = ArticleFactory(series=series, series_position=1, title="Part one")
    two = ArticleFactory(series=series, series_position=2, title="Part two")
    today = store.today()
    DailyReferrer.objects.create(
        entry=one.entry, day=today, host="news.example.org", count=12
    )
    DailySearch.objects.create(day=today, query="kubernetes operators", count=7)
    FunnelStep.objects.create(day=today, start=one.entry, step=one.entry, visitors=40)
    FunnelStep.objects.create(day=today, start=one.entry, step=two.entry, visitors=3)

    html = editor_client.get("/admin/").text

    assert '<th scope="row">news.example.org</th><td>12</td>' in section(
        html, "Readers came from"
    )
    assert '<th scope="row">kubernetes operators</th><td>7</td>' in section(
        html, "Searches that found nothing"
    )
    series_read_on = section(html, "Series read on")
    assert "Part one: 40 visitors" in series_read_on
    assert "Part two: &lt; 5 went on to it" in series_read_on


def test_an_articles_form_shows_its_own_counts(editor_client):
    article, other = ArticleFactory(), ArticleFactory()
    count(article, views=64, reads=20, visitors=50)
    count(other, views=7777)
    DailyReferrer.objects.create(
        entry=article.entry, day=store.today(), host="lobste.rs", count=9
    )

    html = editor_client.get(f"/admin/articles/article/{article.pk}/change/").text

    assert "<strong>Last 30 days</strong>: 64 views, 20 reads, 50 visitors" in html
    assert "7,777" not in html and "7777" not in html
    assert "lobste.rs" in html


def test_a_pages_form_shows_its_own_counts(editor_client):
    page = PageFactory()
    count(page, views=12, reads=6, visitors=9)

    html = editor_client.get(f"/admin/pages/page/{page.pk}/change/").text

    assert "<strong>Last 7 days</strong>: 12 views, 6 reads, 9 visitors" in html


def test_the_csv_holds_each_days_counts(editor_client):
    article = ArticleFactory(title="=HYPERLINK(1)")
    count(article, days_ago=1, views=12, reads=5, visitors=2)

    response = editor_client.get("/admin/reading/counts.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["day", "title", "address", "views", "reads", "visitors"],
        [
            (store.today() - timedelta(days=1)).isoformat(),
            "'=HYPERLINK(1)",
            article.get_absolute_url(),
            "12",
            "5",
            "< 5",
        ],
    ]


def test_staff_without_the_permission_see_no_counts():
    clerk = UserFactory(is_staff=True)
    client = Client()
    client.force_login(clerk)
    count(ArticleFactory(), views=10)

    assert ">Reading</h2>" not in client.get("/admin/").text
    assert client.get("/admin/reading/counts.csv").status_code == 403


def test_writers_see_the_counts():
    writer = UserFactory(is_staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    client = Client()
    client.force_login(writer)

    assert client.get("/admin/reading/counts.csv").status_code == 200
    assert ">Reading</h2>" in client.get("/admin/").text


def test_the_privacy_notice_says_what_is_counted_or_that_nothing_is(client, settings):
    from pages.models import Kind, Page

    notice = Page.objects.get(kind=Kind.PRIVACY)

    counting = client.get(notice.get_absolute_url()).text
    settings.ANALYTICS_ENABLED = False
    off = client.get(notice.get_absolute_url()).text

    assert "once the page has been on screen for 30 seconds" in counting
    assert (
        "at the first adding-up after 10 minutes past midnight "
        "(the site adds up every 5 minutes)" in counting
    )
    assert "counts nothing of its readers" not in counting
    assert "counts nothing of its readers: it serves no counting script" in off


def test_a_year_is_drawn_week_by_week_without_a_stub_of_a_week():
    from analytics.reports import trend

    article = ArticleFactory()
    count(article, days_ago=364, views=6)
    count(article, days_ago=363, views=8)

    weeks = trend(365)

    assert len(weeks) == 52 and weeks[-1]["end"] == store.today()
    assert (weeks[0]["start"], weeks[0]["views"]) == (
        store.today() - timedelta(days=364),
        14,
    )
