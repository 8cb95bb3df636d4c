"""Moderators get an email for each held comment, sent by the task worker."""

from email.header import decode_header, make_header

import pytest
from django_tasks_db.models import DBTaskResult

from comments.models import Comment
from tests import servers
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_is_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", servers.free_port()
    settings.EMAIL_TIMEOUT = 2


@pytest.fixture
def post_held_comment(post_comment, django_capture_on_commit_callbacks):
    """Post a comment and commit, which queues the notification."""

    def post():
        with django_capture_on_commit_callbacks(execute=True):
            return post_comment(
                ArticleFactory(title="On caching"), body="Held, please."
            )

    return post


def test_a_held_comment_is_mailed_to_moderators_by_the_worker(
    smtp_server, editor, post_held_comment, run_worker
):
    post_held_comment()
    assert smtp_server.messages == []  # nothing was sent during the request

    run_worker()

    [message] = smtp_server.messages
    assert message["To"] == editor.email
    assert str(make_header(decode_header(message["Subject"]))) == (
        "Comment awaiting moderation on “On caching”"
    )
    assert "Held, please." in message.get_payload()


def test_a_mail_outage_leaves_the_comment_stored_and_the_post_successful(
    mail_is_down, editor, post_held_comment, run_worker
):
    response = post_held_comment()

    assert response.status_code == 302
    run_worker()
    assert Comment.objects.get().body == "Held, please."
    notification = DBTaskResult.objects.get(
        task_path="comments.tasks.notify_moderators"
    )
    assert notification.status == "FAILED"


def test_approved_comments_send_no_mail(
    smtp_server, editor, post_held_comment, run_worker, client, prove_address
):
    CommentFactory(email="ada@example.net")
    prove_address(client)
    post_held_comment()
    run_worker()

    assert smtp_server.messages == []
