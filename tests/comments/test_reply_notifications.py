"""A commenter who ticks "Email me when someone replies" and confirms the
address is mailed, by the task worker, about each published reply."""

import re

import pytest
from django.test import Client

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
