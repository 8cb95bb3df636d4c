"""The comment thread is rendered once per state, and never shown out of date;
the empty comment form is rendered once, and served with a fresh timestamp.

The page cache is off here (tests/conftest.py): these are the pages every
request renders, with the thread's HTML kept in each worker's memory under
the article's comment state.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment, Status
from comments.moderation import seconds_since
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


def test_a_thread_already_rendered_costs_no_comment_query(client):
    article = CommentFactory(body="Rendered once.").target
    with CaptureQueriesContext(connection) as first:
        page(client, article)
    with CaptureQueriesContext(connection) as again:
        assert "Rendered once." in page(client, article)

    asked = [query["sql"] for query in again]
    assert len(asked) < len(first)
    assert not any("comments_comment" in sql for sql in asked)


def test_an_edited_comment_shows_on_the_next_request(client):
    comment = CommentFactory(body="Before the edit.")
    page(client, comment.target)

    comment.body = "After the edit."
    comment.save()

    html = page(client, comment.target)
    assert "After the edit." in html and "Before the edit." not in html


def test_a_removed_comment_leaves_at_once_in_a_bulk_action(editor_client, client):
    comment = CommentFactory(body="Soon removed.")
    page(client, comment.target)

    editor_client.post(
        "/admin/comments/comment/",
        {"action": "remove", "_selected_action": [comment.pk]},
    )

    assert Comment.objects.get().status == Status.REMOVED
    assert "Soon removed." not in page(client, comment.target)


def test_a_commenter_sees_their_pending_comment_and_others_do_not(client, post_comment):
    article = CommentFactory(body="An approved remark.").target
    page(Client(), article)

    post_comment(article, body="My pending words.")  # held: a first comment

    assert "My pending words." in page(client, article)
    assert "My pending words." not in page(Client(), article)
    assert "An approved remark." in page(Client(), article)


def test_reply_links_go_when_comments_close_by_the_clock(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=29))
    CommentFactory(article=article)
    assert "reply-link" in page(client, article)

    with time_machine.travel(timezone.now() + timedelta(days=2)):
        html = page(client, article)

    assert "reply-link" not in html
    assert "Comments are closed" in html


def served_stamp(html):
    return re.search(r'name="timestamp" value="([^"]+)"', html)[1]


def test_the_kept_form_is_served_with_a_timestamp_of_its_own_each_time(client):
    article = ArticleFactory()
    first = served_stamp(page(client, article))

    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        later = served_stamp(page(client, article))
        assert seconds_since(later) < 1

    assert later != first


def test_the_kept_form_follows_the_articles_address_and_the_length_limit(
    client, settings
):
    article = ArticleFactory(slug="before")
    page(client, article)

    settings.COMMENTS_MAX_LENGTH = 1234
    assert 'data-limit="1234"' in page(client, article)

    article.slug = "after"
    article.save()
    assert 'action="/articles/after/comments/#comment-errors"' in page(client, article)
