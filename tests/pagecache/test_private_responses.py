"""Responses that are one reader's own say so: ``private, no-store``.

Every page type is asked for without cookies (a shared page, public, with
nothing personal in it) and with each cookie the site sets: staff's session
and CSRF token, a commenter's remembered name, their comments awaiting
moderation, a confirmed address, the key to their comments' page.
"""

import json

import pytest
from django.conf import settings as django_settings
from django.core import signing
from django.test import Client

from comments import cookies
from comments.models import Comment
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    PageFactory,
    SeriesFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
NAME, EMAIL = "Grace Private", "grace.private@example.net"


@pytest.fixture
def paths():
    """An address of every kind of page the site serves to readers."""
    topic, series = TopicFactory(), SeriesFactory()
    article = ArticleFactory(topics=[topic], series=series, series_position=1)
    page = PageFactory(comments_open=True)
    CommentFactory(article=article)
    CommentFactory(article=None, page=page)
    a, p = article.get_absolute_url(), page.get_absolute_url()
    return [
        "/", "/articles/", a, f"{a}comments/", f"{a}comments/rss/",
        article.markdown_path, p, f"{p}comments/", f"{p}comments/atom/",
        "/topics/", topic.get_absolute_url(), f"{topic.get_absolute_url()}rss/",
        "/series/", series.get_absolute_url(), "/authors/",
        article.author.get_absolute_url(), f"/archive/{article.published_at:%Y}/",
        f"/archive/{article.published_at:%Y/%m}/", "/search/?q=article",
        "/feeds/rss/", "/feeds/atom/", "/feeds/comments/rss/", "/sitemap.xml",
        "/sitemap-articles.xml", "/llms.txt", "/robots.txt", "/subscribe/",
        "/comments/manage/",
    ]  # fmt: skip


def signed(name, value):
    return signing.get_cookie_signer(salt=name).sign(value)


@pytest.fixture
def own_comment():
    """A comment of Grace's, awaiting moderation on an article."""
    article = ArticleFactory()
    return Comment.objects.create(
        entry=article.entry, name=NAME, email=EMAIL, body="Awaiting a moderator."
    )


SITE_COOKIES = {
    "session": lambda _: {django_settings.SESSION_COOKIE_NAME: "a-staff-session"},
    "csrf": lambda _: {django_settings.CSRF_COOKIE_NAME: "t" * 32},
    "remembered author": lambda _: {
        cookies.AUTHOR_COOKIE: signed(
            cookies.AUTHOR_COOKIE, json.dumps({"name": NAME, "email": EMAIL})
        )
    },
    "own comments": lambda comment: {
        cookies.OWN_COOKIE: signed(cookies.OWN_COOKIE, str(comment.pk))
    },
    "confirmed address": lambda _: {
        cookies.CONFIRMED_COOKIE: signed(cookies.CONFIRMED_COOKIE, "key")
    },
    "comments' manager": lambda _: {cookies.MANAGER_COOKIE: "a-key"},
    "someone else's": lambda _: {"_ga": "GA1.1.1"},
}


def directives(response):
    return {word.strip() for word in response.get("Cache-Control", "").split(",")}


def test_shared_pages_are_public_and_hold_nothing_personal(paths, own_comment):
    for path in [*paths, own_comment.target.get_absolute_url()]:
        response = Client().get(path)
        assert response.status_code == 200, path
        assert NAME not in response.content.decode(), path
        if path == "/comments/manage/":
            assert {"private", "no-store"} <= directives(response)
        else:
            assert "public" in directives(response), path


@pytest.mark.parametrize("cookie", SITE_COOKIES)
def test_every_page_asked_for_with_a_cookie_is_private(paths, own_comment, cookie):
    reader = Client()
    reader.cookies.load(SITE_COOKIES[cookie](own_comment))

    for path in [*paths, own_comment.target.get_absolute_url()]:
        response = reader.get(path)
        assert {"private", "no-store"} <= directives(response), (path, cookie)
        assert "X-Page-Cache" not in response and "xkey" not in response, path


def test_a_commenters_own_page_is_private_and_never_shared(post_comment):
    article = ArticleFactory()
    path = article.get_absolute_url()
    commenter = Client()
    post_comment(  # a first comment: held, and remembered in this browser
        article, using=commenter, name=NAME, email=EMAIL, remember="on",
        body="Awaiting a moderator.",
    )  # fmt: skip

    mine = commenter.get(path)
    shared = Client().get(path)

    assert EMAIL in mine.content.decode()
    assert "Awaiting a moderator." in mine.content.decode()
    assert {"private", "no-store"} <= directives(mine)
    assert EMAIL not in shared.content.decode()
    assert "Awaiting a moderator." not in shared.content.decode()
    assert shared["X-Page-Cache"] == "miss"  # the commenter's page was not stored


def test_a_sent_comment_and_its_answer_are_private(post_comment):
    article = ArticleFactory()

    sent_back = post_comment(article, email="not an address")
    taken = post_comment(article, remember="on")

    assert {"private", "no-store"} <= directives(sent_back)
    assert {"private", "no-store"} <= directives(taken)
    assert taken.cookies[cookies.AUTHOR_COOKIE]
