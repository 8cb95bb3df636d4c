"""Every mail to subscribers, read as its receiver reads it."""

import re
from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from django.core.management import call_command
from django.utils import timezone

from subscriptions.models import Frequency
from tests.factories import ArticleFactory, SubscriberFactory
from tests.subscriptions.conftest import body

pytestmark = pytest.mark.django_db


def read(message):
    """Subject and text, each link written as <link>."""
    subject = str(make_header(decode_header(message["Subject"])))
    words = body(message).replace("\r\n", "\n")
    return subject, re.sub(r"http://127\.0\.0\.1:8000/\S+", "<link>", words)


def test_the_mail_that_confirms_a_sign_up(sign_up, run_worker, smtp_server):
    sign_up("ada@example.net", frequency="weekly")
    run_worker()

    assert read(smtp_server.messages[0]) == (
        "Confirm your subscription to Backend Intro",
        "Someone, probably you, asked to get Backend Intro's new articles by "
        "email (a weekly digest).\n\n"
        "To confirm, open this page and press its button:\n<link>\n\n"
        "The link works once, for 48 hours. If you did not ask, ignore this "
        "mail: nothing will be sent to you.\n",
    )


def test_the_mail_to_an_address_that_signs_up_again(sign_up, run_worker, smtp_server):
    SubscriberFactory(email="ada@example.net")
    sign_up("ada@example.net")
    run_worker()

    assert read(smtp_server.messages[0]) == (
        "You already follow Backend Intro",
        "Someone, probably you, asked to subscribe this address again. It "
        "already gets each new article, so nothing has changed. To change "
        "how often mail comes, use the link below.\n\n"
        "-- \nHow often: <link>\nUnsubscribe: <link>\n",
    )


def test_the_mail_of_a_new_article(
    run_worker, smtp_server, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(
            title="Queues & <caches>",
            summary="Why “later” is a design.",
            published_at=timezone.now(),
        )
    run_worker()

    assert read(smtp_server.messages[0]) == (
        "New on Backend Intro: Queues & <caches>",
        "Queues & <caches>\nWhy “later” is a design.\n<link>\n\n"
        "-- \nHow often: <link>\nUnsubscribe: <link>\n",
    )


def test_the_weekly_digest(run_worker, smtp_server):
    SubscriberFactory(
        frequency=Frequency.WEEKLY, confirmed_at=timezone.now() - timedelta(days=9)
    )
    for days, title in ((3, "Monday"), (1, "Friday")):
        ArticleFactory(
            title=title,
            summary=f"{title}'s summary.",
            published_at=timezone.now() - timedelta(days=days),
        )
    call_command("send_digests", stdout=None)
    run_worker()

    assert read(smtp_server.messages[0]) == (
        "This week on Backend Intro",
        "New articles this week:\n\n"
        "Monday\nMonday's summary.\n<link>\n\n"
        "Friday\nFriday's summary.\n<link>\n\n"
        "-- \nHow often: <link>\nUnsubscribe: <link>\n",
    )


def test_the_welcome_mail_after_confirming(
    confirm_link, client, run_worker, smtp_server, django_capture_on_commit_callbacks
):
    ArticleFactory(
        title="Older",
        summary="Older's summary.",
        published_at=timezone.now() - timedelta(days=3),
    )
    ArticleFactory(title="Newest", summary="Newest's summary.")
    link = confirm_link("ada@example.net", frequency="weekly")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    run_worker()

    assert read(smtp_server.messages[-1]) == (
        "Welcome to Backend Intro",
        "Thank you for subscribing. This address will get a weekly digest of "
        "Backend Intro, from the next one on.\n\n"
        "The latest articles:\n\n"
        "Newest\nNewest's summary.\n<link>\n\n"
        "Older\nOlder's summary.\n<link>\n\n"
        "-- \nHow often: <link>\nUnsubscribe: <link>\n",
    )
