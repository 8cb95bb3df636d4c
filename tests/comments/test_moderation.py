"""Each moderation rule and default, with the reason editors see."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from comments.models import Comment, Status
from tests.comments.conftest import mailed_paths
from tests.factories import ArticleFactory, CommentFactory, signed_seconds_ago

pytestmark = pytest.mark.django_db


def decided(post_comment, **fields):
    post_comment(ArticleFactory(), **fields)
    comment = Comment.objects.latest("created_at")
    return comment.status, comment.moderation_reason


def test_a_first_comment_from_an_address_is_pending(post_comment):
    assert decided(post_comment) == (
        Status.PENDING,
        "pending: first comment from this address",
    )


def test_knowing_a_regulars_address_publishes_nothing(post_comment):
    CommentFactory(email="Ada@Example.net", name="Ada")

    assert decided(post_comment, email="ada@example.net", name="Not Ada") == (
        Status.PENDING,
        "pending: known address, not confirmed",
    )


def test_an_imported_commenters_address_is_not_trusted_either(post_comment):
    CommentFactory(email="old.reader@example.net", moderation_reason="")

    status, _ = decided(post_comment, email="old.reader@example.net")

    assert status == Status.PENDING


def test_a_browser_that_confirmed_a_known_address_publishes_at_once(
    post_comment, client, prove_address
):
    CommentFactory(email="Ada@Example.net")
    prove_address(client, "ada@example.net")

    assert decided(post_comment, email="ada@example.net") == (
        Status.APPROVED,
        "approved: confirmed address with an approved comment",
    )


def test_a_confirmed_browser_with_a_new_address_still_waits(
    post_comment, client, prove_address
):
    prove_address(client, "ada@example.net")

    assert decided(post_comment, email="ada@example.net")[0] == Status.PENDING


def test_confirming_by_mail_publishes_a_known_addresss_waiting_comment(
    send_comment, run_worker, smtp_server
):
    article = ArticleFactory()
    CommentFactory(email="ada@example.net", article=article)
    send_comment(article, body="Mail me replies.", notify="on")
    assert Comment.objects.get(body="Mail me replies.").status == Status.PENDING
    run_worker()
    [link] = mailed_paths(smtp_server.messages[0])

    Client().post(link)

    assert Comment.objects.get(body="Mail me replies.").status == Status.APPROVED


def test_confirming_by_mail_leaves_a_moderators_decision_alone(
    send_comment, run_worker, smtp_server
):
    article = ArticleFactory()
    CommentFactory(email="ada@example.net", article=article)
    send_comment(article, body="Mail me replies.", notify="on")
    Comment.objects.filter(body="Mail me replies.").update(reviewed_at=timezone.now())
    run_worker()

    Client().post(mailed_paths(smtp_server.messages[0])[0])

    assert Comment.objects.get(body="Mail me replies.").status == Status.PENDING


def test_two_links_hold_even_a_known_commenter(post_comment, client, prove_address):
    CommentFactory(email="ada@example.net")
    prove_address(client)

    status, reason = decided(
        post_comment, body="See https://a.example and www.b.example"
    )

    assert (status, reason) == (Status.PENDING, "held: 2 links")


def test_a_moderation_word_holds_the_comment(
    post_comment, settings, client, prove_address
):
    settings.COMMENTS_MODERATION_WORDS = ["casino"]
    CommentFactory(email="ada@example.net")
    prove_address(client)

    assert decided(post_comment, name="Casino Fan") == (
        Status.PENDING,
        "held: moderation list (entry 1, name)",
    )


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"contact_me_by_fax": "+1 555"}, "spam: hidden field filled in"),
        ({"timestamp": "forged"}, "spam: form timestamp forged"),
        ({"body": "Buy cheap pills now"}, "spam: disallowed list (entry 1, text)"),
        ({"email": "bot@spam.example"}, "spam: disallowed list (entry 2, email)"),
    ],
)
def test_spam_rules(post_comment, settings, fields, reason):
    settings.COMMENTS_DISALLOWED_WORDS = ["cheap pills", "spam.example"]

    assert decided(post_comment, **fields) == (Status.SPAM, reason)


def test_a_form_sent_faster_than_people_type_is_sent_back_not_filed_as_spam(
    post_comment,
):
    response = post_comment(ArticleFactory(), timestamp=signed_seconds_ago(1))

    assert response.status_code == 200
    assert "That was quicker than we expected." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_disallowed_ip_address_is_spam(post_comment, settings):
    settings.COMMENTS_DISALLOWED_WORDS = ["127.0.0.1"]

    assert decided(post_comment) == (
        Status.SPAM,
        "spam: disallowed list (entry 1, address)",
    )


def test_a_reason_never_repeats_the_private_value_it_matched(post_comment, settings):
    settings.COMMENTS_DISALLOWED_WORDS = ["@spam.example"]
    settings.COMMENTS_MODERATION_WORDS = ["ada@example"]

    reasons = [
        decided(post_comment, email="bot@spam.example")[1],
        decided(post_comment, email="ada@example.net", body="Another")[1],
    ]

    assert reasons == [
        "spam: disallowed list (entry 1, email)",
        "held: moderation list (entry 1, email)",
    ]


def test_the_same_comment_sent_twice_is_stored_once_and_both_answers_lead_to_it(
    post_comment,
):
    article = ArticleFactory()
    first = post_comment(article, body="Same words.")
    second = post_comment(article, body="Same words.")

    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert first["Location"] == second["Location"] == comment.get_absolute_url()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_stores_one_comment_even_when_both_arrive_at_once(
    comment_data,
):
    article = ArticleFactory()
    url = f"{article.get_absolute_url()}comments/"
    data = comment_data(body="Clicked twice.")

    def send(_):
        try:
            return Client().post(url, data).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = list(pool.map(send, range(2)))

    assert statuses == [302, 302]
    assert Comment.objects.filter(body="Clicked twice.").count() == 1


def test_spam_looks_like_pending_to_its_sender(client, post_comment):
    article = ArticleFactory()

    post_comment(article, body="Filled the trap.", contact_me_by_fax="x")

    html = client.get(article.get_absolute_url()).content.decode()
    assert "Filled the trap." in html and "awaiting moderation" in html


def test_the_sixth_comment_in_ten_minutes_from_one_address_gets_429(post_comment):
    article = ArticleFactory()
    statuses = [
        post_comment(article, body=f"Comment {n}").status_code for n in range(6)
    ]

    assert statuses == [302] * 5 + [429]
    assert Comment.objects.count() == 5


def test_the_rate_limit_is_per_address(post_comment, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    article = ArticleFactory()

    first = post_comment(article, using=Client(REMOTE_ADDR="198.51.100.1"))
    second = post_comment(article, using=Client(REMOTE_ADDR="198.51.100.2"))

    assert (first.status_code, second.status_code) == (302, 302)


def test_a_closed_article_shows_its_comments_and_refuses_new_ones(client, post_comment):
    comment = CommentFactory(body="An old remark.", article__comments_open=False)
    article = comment.target

    html = client.get(article.get_absolute_url()).content.decode()
    assert "An old remark." in html and "Comments are closed" in html
    assert 'name="body"' not in html and "?replyto=" not in html

    response = post_comment(article)
    assert response.status_code == 403
    assert Comment.objects.count() == 1


def test_comments_close_after_the_configured_number_of_days(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 14
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=15))
    recent = ArticleFactory(published_at=timezone.now() - timedelta(days=13))

    assert "Comments are closed" in client.get(old.get_absolute_url()).content.decode()
    assert 'name="body"' in client.get(recent.get_absolute_url()).content.decode()


def test_comments_stay_open_by_default_whatever_the_age(client):
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=3650))

    assert 'name="body"' in client.get(article.get_absolute_url()).content.decode()


def test_form_errors_do_not_count_towards_the_rate_limit(post_comment, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    article = ArticleFactory()

    post_comment(article, email="not an email")
    post_comment(article, name="")

    assert post_comment(article).status_code == 302
    assert post_comment(article, body="Again.").status_code == 429
