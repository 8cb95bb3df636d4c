"""Every mail about comments, read as its receiver reads it: subject and
text, in every mode the site runs in."""

import re
from email.header import decode_header, make_header

import pytest
from django.test import Client

from comments.models import Comment, Status
from tests.comments.conftest import mailed_paths, text
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def read(message):
    """Subject and text, each link written as <link>."""
    subject = str(make_header(decode_header(message["Subject"])))
    words = text(message).replace("\r\n", "\n")
    return subject, re.sub(r"http://127\.0\.0\.1:8000/\S+", "<link>", words)


@pytest.fixture
def article():
    return ArticleFactory(title="On “queues” & <caches>")


def test_the_mail_that_confirms_a_comment(
    confirming, send_comment, run_worker, smtp_server, article
):
    send_comment(article, name="Ada")
    run_worker()

    assert read(smtp_server.messages[0]) == (
        "Confirm your comment on Backend Intro",
        "Someone, probably you, commented on “On “queues” & <caches>” on Backend "
        "Intro as Ada.\n\n"
        "Backend Intro shows comments only from addresses their authors have "
        "confirmed. To confirm that this address is yours, open this page and "
        "press its button:\n<link>\n\n"
        "The link works once, for 48 hours. If you did not comment, ignore this "
        "mail: the comment is deleted when the link expires, and no more mail "
        "comes of it.\n",
    )


def test_the_mail_that_confirms_a_comment_and_its_reply_mails(
    confirming, send_comment, run_worker, smtp_server, article
):
    send_comment(article, name="Ada", notify="on")
    run_worker()

    [message] = smtp_server.messages
    subject, words = read(message)
    assert subject == "Confirm your comment on Backend Intro"
    assert words.count("open this page and press its button") == 1
    assert (
        "press its button:\n<link>\n\n"
        "Once it is confirmed, you will also get an email when someone replies "
        "to your comment; each has a link to stop them.\n\n"
        "The link works once, for 48 hours."
    ) in words


def test_the_mail_that_confirms_reply_mails_only(
    send_comment, run_worker, smtp_server, article
):
    send_comment(article, name="Ada", notify="on")
    run_worker()

    assert Comment.objects.get().status == Status.PENDING  # moderated as usual
    assert read(smtp_server.messages[0]) == (
        "Confirm your address for reply mails from Backend Intro",
        "Someone, probably you, commented on “On “queues” & <caches>” on Backend "
        "Intro as Ada, and asked to get an email when someone replies.\n\n"
        "To confirm that this address is yours, and get those mails, open this "
        "page and press its button:\n<link>\n\n"
        "The link works once, for 48 hours. If you did not ask, ignore this mail: "
        "no reply mails will be sent, and no more mail comes of it.\n",
    )
    page = Client().get(mailed_paths(smtp_server.messages[0])[0]).content.decode()
    assert "<h1>Confirm your address</h1>" in page
    assert (
        "Confirm my address</button>" in page
        and "comment" not in page.split("<h1>", 1)[1].split("</h1>")[0]
    )


def test_the_mail_that_opens_a_commenters_comments(
    run_worker, smtp_server, django_capture_on_commit_callbacks
):
    CommentFactory(email="ada@example.net")
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/comments/manage/", {"email": "ada@example.net"})
    run_worker()

    assert read(smtp_server.messages[0]) == (
        "Your comments on Backend Intro",
        "Someone, probably you, asked to see the comments stored under this "
        "address on Backend Intro.\n\n"
        "Open this page and press its button to list them, download everything "
        "stored about you, or delete it:\n<link>\n\n"
        "The link works once, for 60 minutes. If you did not ask, ignore this "
        "mail.\n",
    )


def test_the_mail_that_tells_of_a_reply(
    send_comment,
    reader,
    run_worker,
    smtp_server,
    article,
    django_capture_on_commit_callbacks,
):
    send_comment(article, name="Ada", body="Which **queue**?", notify="on")
    comment = Comment.objects.get()
    run_worker()
    reader.post(mailed_paths(smtp_server.messages[0])[0])
    Comment.objects.update(status=Status.APPROVED)
    smtp_server.messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        CommentFactory(
            article=article, parent=comment, name="Grace", body="This one & that."
        )
    run_worker()

    assert read(smtp_server.messages[0]) == (
        "Grace replied to your comment on “On “queues” & <caches>”",
        "Grace replied to your comment on “On “queues” & <caches>”:\n\n"
        "This one & that.\n\n"
        "Read it and reply: <link>\n\n"
        "Your comment:\nWhich **queue**?\n\n"
        "-- \n"
        "No more mails about replies to this comment: <link>\n"
        "No more reply mails at all: <link>\n",
    )


def test_the_mail_that_tells_moderators_a_comment_waits(
    send_comment, run_worker, smtp_server, editor, article
):
    send_comment(article, name="Ada", body="See https://a.example and www.b.example")
    run_worker()

    [message] = smtp_server.messages
    assert message["To"] == editor.email
    assert read(message) == (
        "Comment awaiting moderation on “On “queues” & <caches>”",
        "Ada commented on “On “queues” & <caches>”.\n"
        "Why it waits: 2 links\n\n"
        "See https://a.example and www.b.example\n\n"
        "Review it: <link>\n",
    )
