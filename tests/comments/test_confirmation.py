"""With COMMENTS_CONFIRM_EMAIL on, a comment waits for its author to confirm
the address from a mailed link, whose page confirms only by its button."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from comments.commenters import CommenterToken
from comments.models import Comment, Status
from tests.comments.conftest import mailed_paths, text
from tests.factories import ArticleFactory, CommentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("confirming")]


def test_a_comment_waits_for_confirmation_outside_the_moderation_queue(
    send_comment, reader, smtp_server, editor
):
    article = ArticleFactory()

    send_comment(article, body="Please confirm me.")

    comment = Comment.objects.get()
    assert comment.status == Status.UNCONFIRMED
    assert not Comment.objects.in_moderation().exists()
    assert smtp_server.messages == []  # mail leaves from the worker
    own = reader.get(article.get_absolute_url()).content.decode()
    assert "Please confirm me." in own and "we have mailed you a link" in own
    assert (
        "Please confirm me."
        not in Client().get(article.get_absolute_url()).content.decode()
    )


def test_the_mailed_link_opens_a_button_and_only_the_button_confirms(
    send_comment, run_worker, smtp_server, editor, django_capture_on_commit_callbacks
):
    send_comment(ArticleFactory(title="On queues"), body="Confirm by button.")
    run_worker()
    [message] = smtp_server.messages
    assert message["To"] == "ada@example.net"
    [path] = mailed_paths(message)
    assert "On queues" in text(message)

    page = Client().get(path)
    assert page.status_code == 200
    assert (
        b"Confirm my comment" in page.content and b"Confirm by button." in page.content
    )
    assert Client().get(path).status_code == 200  # a scanner's fetch uses nothing
    assert Comment.objects.get().status == Status.UNCONFIRMED

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = Client().post(path)

    assert (
        confirmed.status_code == 200 and b"waits for a moderator" in confirmed.content
    )
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING and comment.email_confirmed_at
    run_worker()  # the moderators hear of it only now
    assert smtp_server.messages[-1]["To"] == editor.email


def test_a_confirmation_link_works_once_and_only_its_hash_is_stored(
    send_comment, run_worker, smtp_server
):
    send_comment(ArticleFactory())
    run_worker()
    [path] = mailed_paths(smtp_server.messages[0])
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert token not in CommenterToken.objects.get().token_hash

    assert Client().post(path).status_code == 200
    again = Client().post(path)
    assert again.status_code == 410 and b"no longer works" in again.content


def test_an_address_with_an_approved_comment_is_trusted_once_confirmed(
    send_comment, run_worker, smtp_server, client
):
    article = ArticleFactory()
    CommentFactory(email="ada@example.net", article=article)
    send_comment(article, body="Known reader.")
    assert Comment.objects.get(body="Known reader.").status == Status.UNCONFIRMED
    run_worker()

    Client().post(mailed_paths(smtp_server.messages[0])[0])

    assert Comment.objects.get(body="Known reader.").status == Status.APPROVED
    article.refresh_from_db()
    assert article.comment_count == 2
    assert "Known reader." in client.get(article.get_absolute_url()).content.decode()


def test_an_unconfirmed_comment_expires_with_its_link(
    send_comment, run_worker, smtp_server
):
    send_comment(ArticleFactory())
    run_worker()
    [path] = mailed_paths(smtp_server.messages[0])

    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        assert Client().get(path).status_code == 410
        assert Client().post(path).status_code == 410
        call_command("apply_comment_retention", stdout=None)

    assert not Comment.objects.exists()
    assert not CommenterToken.objects.exists()


def test_retention_keeps_comments_still_within_their_confirmation_time(
    send_comment, run_worker
):
    send_comment(ArticleFactory())
    run_worker()

    with time_machine.travel(timezone.now() + timedelta(hours=47)):
        call_command("apply_comment_retention", stdout=None)

    assert Comment.objects.get().status == Status.UNCONFIRMED
    assert CommenterToken.objects.count() == 1


def test_a_browser_that_confirmed_an_address_needs_no_new_mail_for_it(
    send_comment, reader, run_worker, smtp_server
):
    article = ArticleFactory()
    send_comment(article, body="First.")
    run_worker()
    reader.post(mailed_paths(smtp_server.messages[0])[0])

    send_comment(article, body="Second.")
    send_comment(article, body="Other address.", email="someone@example.net")
    run_worker()

    assert Comment.objects.get(body="Second.").status == Status.PENDING
    assert Comment.objects.get(body="Other address.").status == Status.UNCONFIRMED
    assert [m["To"] for m in smtp_server.messages] == [
        "ada@example.net",
        "someone@example.net",
    ]


def test_spam_is_never_sent_a_mail(send_comment, run_worker, smtp_server):
    send_comment(ArticleFactory(), contact_me_by_fax="buy now")
    run_worker()

    assert Comment.objects.get().status == Status.SPAM
    assert smtp_server.messages == []


def test_mails_to_one_address_are_limited_and_the_comment_is_refused_with_429(
    send_comment, settings, run_worker, smtp_server
):
    settings.COMMENTS_RATE_LIMIT = 100
    article = ArticleFactory()
    answers = [
        send_comment(
            article, body=f"Comment {n}.", using=Client(REMOTE_ADDR=f"203.0.113.{n}")
        )
        for n in range(6)
    ]

    assert [a.status_code for a in answers] == [302] * 5 + [429]
    assert b"Too many confirmation mails" in answers[-1].content
    assert Comment.objects.count() == 5
    run_worker()
    assert len(smtp_server.messages) == 5


def test_spellings_of_one_mailbox_share_its_mail_limit(
    send_comment, settings, run_worker, smtp_server
):
    settings.COMMENTS_RATE_LIMIT = 100
    article = ArticleFactory()
    spellings = [
        "ada@example.net",
        "Ada+1@example.net",
        '"ada"@example.net',
        "ADA+two@Example.NET",
        "ada+3@example.net",
        "ada+4@example.net",
    ]
    answers = [
        send_comment(
            article,
            body=f"Comment {n}.",
            email=email,
            using=Client(REMOTE_ADDR=f"203.0.113.{n}"),
        )
        for n, email in enumerate(spellings)
    ]

    assert [a.status_code for a in answers] == [302] * 5 + [429]
    run_worker()
    assert len(smtp_server.messages) == 5
    assert smtp_server.messages[1]["To"] == "Ada+1@example.net"  # as given


def test_mails_asked_for_from_one_ipv6_network_are_limited(send_comment, settings):
    settings.COMMENTS_RATE_LIMIT = 100
    article = ArticleFactory()
    answers = [
        send_comment(
            article,
            body=f"Comment {n}.",
            email=f"person{n}@example.net",
            using=Client(REMOTE_ADDR=f"2001:db8:5:7::{n + 1:x}"),
        )
        for n in range(21)
    ]

    assert [a.status_code for a in answers] == [302] * 20 + [429]
    other = send_comment(
        article, email="else@example.net", using=Client(REMOTE_ADDR="2001:db8:5:8::1")
    )
    assert other.status_code == 302


def test_mails_asked_for_from_one_ip_address_are_limited(send_comment, settings):
    settings.COMMENTS_RATE_LIMIT = 100
    article = ArticleFactory()
    answers = [
        send_comment(article, body=f"Comment {n}.", email=f"person{n}@example.net")
        for n in range(21)
    ]

    assert [a.status_code for a in answers] == [302] * 20 + [429]


def test_confirmation_mails_carry_no_tracking(send_comment, run_worker, smtp_server):
    send_comment(ArticleFactory(), body='Has <img src="x"> & “quotes”.')
    run_worker()
    [message] = smtp_server.messages

    assert message.get_content_type() == "text/plain"
    assert all(link.startswith("/comments/confirm/") for link in mailed_paths(message))
    assert "http://127.0.0.1:8000/comments/confirm/" in text(message)
