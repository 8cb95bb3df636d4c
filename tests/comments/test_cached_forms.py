"""The comment form on a page from the page cache, hours after it rendered.

The page's own stamp says when the page was rendered and never runs out, so
a form from a page kept by any cache is taken. As the reader starts on the
form, comments.js swaps it for the time then (/comments/stamp/), so "sent
faster than people type" counts from there, on cached pages too.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from comments.models import Comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
TOO_FAST = "That was quicker than we expected."


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    settings.COMMENTS_MIN_SECONDS = 3


def form_stamp(html):
    form = html.split('id="respond"', 1)[1]
    return re.search(r'name="timestamp" value="([^"]+)"', form).group(1)


def send(article, stamp, body="Worth the wait."):
    return Client().post(
        f"{article.get_absolute_url()}comments/",
        {"name": "Ada", "email": "ada@example.net", "body": body, "timestamp": stamp},
        HTTP_SEC_FETCH_SITE="same-origin",
    )


@pytest.mark.parametrize("hours", [3, 25])
def test_a_form_from_a_page_cached_hours_ago_is_taken_without_scripts(hours):
    article = ArticleFactory()
    stamp = form_stamp(Client().get(article.get_absolute_url()).content.decode())

    with time_machine.travel(timezone.now() + timedelta(hours=hours)):
        response = send(article, stamp)

    assert response.status_code == 302
    assert Comment.objects.get().body == "Worth the wait."


@pytest.mark.parametrize("hours", [3, 25])
def test_too_fast_counts_from_when_the_reader_starts_on_a_cached_form(hours):
    article = ArticleFactory()
    Client().get(article.get_absolute_url())
    later = timezone.now() + timedelta(hours=hours)

    with time_machine.travel(later, tick=False):
        page = Client().get(article.get_absolute_url())
        assert page["X-Page-Cache"] == ("hit" if hours < 24 else "miss")
        assert 'data-stamp="/comments/stamp/"' in page.content.decode()
        started = Client().get("/comments/stamp/")  # as comments.js asks
        stamp = started.json()["timestamp"]
        at_once = send(article, stamp, body="Pasted in a second.")
    with time_machine.travel(later + timedelta(seconds=20)):
        typed = send(article, stamp)

    assert "no-store" in started["Cache-Control"]
    assert at_once.status_code == 200 and TOO_FAST in at_once.content.decode()
    assert "data-stamp" not in at_once.content.decode()  # it has its own stamp
    assert typed.status_code == 302
    assert list(Comment.objects.values_list("body", flat=True)) == ["Worth the wait."]
