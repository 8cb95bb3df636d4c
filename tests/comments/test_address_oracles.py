"""What a comment's sender is told depends on nothing others did with the
address: no stranger learns whether a guessed email wrote a public comment."""

import re

import pytest
from django.test import Client

from comments.cookies import OWN_COOKIE
from comments.models import Comment, Status
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def answer(response):
    """What the sender sees: where it leads (the comment's number aside),
    and which cookies it sets."""
    location = re.sub(r"comment-\d+", "comment-N", response["Location"])
    return response.status_code, location, sorted(response.cookies)


def test_a_regulars_address_gets_the_answer_any_new_address_gets(post_comment):
    article = ArticleFactory()
    regular = CommentFactory(email="regular@example.net", article=article)

    guessed = post_comment(article, email="regular@example.net", using=Client())
    unused = post_comment(article, email="nobody@example.net", using=Client())

    assert answer(guessed) == answer(unused)
    assert OWN_COOKIE in guessed.cookies
    assert {c.status for c in Comment.objects.exclude(pk=regular.pk)} == {
        Status.PENDING
    }


def test_a_public_comments_words_under_its_authors_address_are_a_new_comment(
    post_comment,
):
    public = CommentFactory(email="regular@example.net", body="Public words.")

    response = post_comment(
        public.target, email="regular@example.net", body="Public words.", using=Client()
    )

    new = Comment.objects.exclude(pk=public.pk).get()
    assert response["Location"].endswith(f"#comment-{new.pk}")
    assert new.status == Status.PENDING
    assert OWN_COOKIE in response.cookies


def test_the_browser_that_sent_a_comment_is_led_back_to_it(post_comment, client):
    article = ArticleFactory()
    first = post_comment(article, body="Sent twice.")
    Comment.objects.update(status=Status.APPROVED)

    again = post_comment(article, body="Sent twice.")

    assert again["Location"] == first["Location"]
    assert Comment.objects.count() == 1
