"""A commenter who ticks "Email me when someone replies" and confirms the
address is mailed, by the task worker, about each published reply."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from comments import mail
from comments.commenters import ReplySubscription
from comments.models import Comment, Status
from tests.comments.conftest import mailed_paths, text
from tests.factories import ArticleFactory, CommentFactory
from tests.subscriptions.conftest import header

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribed(send_comment, run_worker, smtp_server, reader):
    """Ada's approved comment on "On caching", replies mailed to her address."""
    article = ArticleFactory(title="On caching")
    send_comment(article, body="Ada's question.", notify="on")
    comment = Comment.objects.get(body="Ada's question.")
    comment.status = Status.APPROVED
    comment.save()
    run_worker()
    [confirmation] = smtp_server.messages
    assert "when someone replies" in text(confirmation)
    reader.post(mailed_paths(confirmation)[0])
    smtp_server.messages.clear()
    return comment


@pytest.fixture
def reply(django_capture_on_commit_callbacks):
    """An approved reply to ``comment``, as published by a moderator, committed."""

    def write(comment, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return CommentFactory(
                article=comment.target,
                parent=comment,
                **{"name": "Grace", "email": "grace@example.org", **fields},
            )

    return write


def test_the_box_is_there_and_unticked(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()

    [box] = re.findall(r'<input type="checkbox" name="notify"[^>]*>', html)
    assert "checked" not in box
    assert '<label for="id_notify">Email me when someone replies</label>' in html


def test_an_unticked_box_asks_for_no_mail(send_comment, run_worker, smtp_server):
    send_comment(ArticleFactory())
    run_worker()

    assert smtp_server.messages == [] and not ReplySubscription.objects.exists()


def test_a_reply_is_mailed_with_its_article_name_and_text_but_no_address(
    subscribed, reply, run_worker, smtp_server
):
    answer = reply(subscribed, body="Grace's answer & more.")
    assert smtp_server.messages == []  # not during the request

    run_worker()

    [message] = smtp_server.messages
    assert message["To"] == "ada@example.net"
    body = text(message)
    assert "Grace replied to your comment on “On caching”" in body
    assert "Grace's answer & more." in body
    assert f"http://127.0.0.1:8000{answer.get_absolute_url()}" in body
    assert "grace@example.org" not in body + str(message.items())
    stop_all = f"http://127.0.0.1:8000{subscribed.reply_subscription.stop_all_url()}"
    assert header(message, "List-Unsubscribe") == f"<{stop_all}>"
    assert header(message, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"


def test_nothing_is_mailed_before_the_address_is_confirmed(
    send_comment, reply, run_worker, smtp_server
):
    send_comment(ArticleFactory(), body="Not confirmed yet.", notify="on")
    comment = Comment.objects.get()
    comment.status = Status.APPROVED
    comment.save()
    run_worker()
    smtp_server.messages.clear()

    reply(comment)
    run_worker()

    assert smtp_server.messages == []


def test_a_reply_approved_in_bulk_is_mailed_once(
    subscribed,
    editor_client,
    run_worker,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    held = CommentFactory(
        article=subscribed.target, parent=subscribed, status=Status.PENDING
    )
    run_worker()
    assert smtp_server.messages == []  # not published yet

    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            editor_client.post(
                "/admin/comments/comment/",
                {"action": "approve", "_selected_action": [held.pk]},
            )
        run_worker()

    assert len(smtp_server.messages) == 1


def test_a_reply_from_a_name_with_a_line_break_is_mailed_on_one_line(
    subscribed, reply, run_worker, smtp_server
):
    # Names from the form are refused; an imported one is stored on one line.
    reply(subscribed, name="Eve\r\nBcc: all@example.org", body="Hi \u202eevil")
    run_worker()

    [message] = smtp_server.messages
    assert message["Bcc"] is None
    assert "Eve Bcc: all@example.org replied" in text(message)
    assert "Hi [U+202E]evil" in text(message)


@pytest.mark.parametrize(
    "queue",
    [
        "/admin/comments/comment/?status__exact=pending",  # the dashboard's buttons
        "/admin/comments/comment/?status__exact=pending&q=Grace",  # a search in it
    ],
)
def test_a_reply_approved_from_the_moderation_queue_is_mailed_once(
    subscribed,
    editor_client,
    run_worker,
    smtp_server,
    django_capture_on_commit_callbacks,
    queue,
):
    held = CommentFactory(
        article=subscribed.target,
        parent=subscribed,
        status=Status.PENDING,
        name="Grace",
        body="Held answer.",
    )

    with django_capture_on_commit_callbacks(execute=True):
        answer = editor_client.post(
            queue, {"action": "approve", "_selected_action": [held.pk]}
        )
    run_worker()

    assert answer.status_code == 302
    [message] = smtp_server.messages
    assert "Held answer." in text(message)


def test_a_reply_approved_from_its_change_form_is_mailed_once(
    subscribed,
    editor_client,
    run_worker,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    held = CommentFactory(
        article=subscribed.target, parent=subscribed, status=Status.PENDING
    )
    data = {
        "name": held.name,
        "email": held.email,
        "website": "",
        "body": held.body,
        "status": Status.APPROVED,
    }

    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            editor_client.post(f"/admin/comments/comment/{held.pk}/change/", data)
        run_worker()

    assert len(smtp_server.messages) == 1


def test_replying_to_oneself_sends_no_mail(subscribed, reply, run_worker, smtp_server):
    reply(subscribed, email="ADA@example.net")
    run_worker()

    assert smtp_server.messages == []


def test_one_click_unsubscribe_stops_all_reply_mails(
    subscribed, reply, run_worker, smtp_server
):
    reply(subscribed)
    run_worker()
    link = header(smtp_server.messages[0], "List-Unsubscribe").strip("<>")
    path = link.removeprefix("http://127.0.0.1:8000")

    assert Client().get(path).status_code == 200  # a page, which stops nothing
    assert ReplySubscription.objects.exists()
    # As a mail provider posts it: no cookie, no token, from elsewhere.
    answer = Client(enforce_csrf_checks=True).post(
        path, {"List-Unsubscribe": "One-Click"}
    )
    assert answer.status_code == 200 and b"No more reply mails" in answer.content

    reply(subscribed)
    run_worker()
    assert len(smtp_server.messages) == 1


def test_a_stop_all_link_works_for_a_year_after_its_mail(
    subscribed, reply, run_worker, smtp_server
):
    reply(subscribed)
    run_worker()
    stop_all = mailed_paths(smtp_server.messages[0])[-1]

    with time_machine.travel(timezone.now() + timedelta(days=366)):
        assert Client().get(stop_all).status_code == 410
        expired = Client().post(stop_all, {"List-Unsubscribe": "One-Click"})

    assert expired.status_code == 410 and b"no longer works" in expired.content
    assert ReplySubscription.objects.exists()
    assert Client().post(stop_all).status_code == 200
    assert not ReplySubscription.objects.exists()


@pytest.mark.parametrize("link", ["key", "key:forged:signature"])
def test_the_stored_address_key_makes_no_stop_link(subscribed, link):
    key = subscribed.reply_subscription.address_key
    path = f"/comments/replies/stop-all/{link.replace('key', key)}/"

    assert Client().post(path).status_code == 410
    assert ReplySubscription.objects.exists()


def test_stopping_one_comments_mails_leaves_the_others(
    subscribed, send_comment, reader, reply, run_worker, smtp_server
):
    send_comment(subscribed.target, body="Ada again.", notify="on")
    again = Comment.objects.get(body="Ada again.")
    again.status = Status.APPROVED
    again.save()  # confirmed already from this browser: no mail needed
    reply(subscribed)
    run_worker()
    stop_this = mailed_paths(smtp_server.messages[0])[-2]

    Client().post(stop_this)
    reply(subscribed)
    reply(again)
    run_worker()

    assert len(smtp_server.messages) == 2
    assert "Ada again." in text(smtp_server.messages[1])


def test_a_forged_stop_link_stops_nothing(subscribed):
    path = subscribed.reply_subscription.stop_url()
    forged = path.rsplit("/", 2)[0] + "/" + "0" * 64 + "/"

    assert Client().post(forged).status_code == 200
    assert ReplySubscription.objects.exists()


def test_reply_mails_to_one_address_are_limited_per_day(
    subscribed, reply, run_worker, smtp_server, monkeypatch
):
    monkeypatch.setattr(mail, "REPLY_MAILS_PER_ADDRESS", 2)
    for _ in range(3):
        reply(subscribed)
    run_worker()

    assert len(smtp_server.messages) == 2
