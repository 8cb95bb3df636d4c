"""New articles reach each subscriber once, from the worker, with no tracking."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from email.header import decode_header, make_header
from io import StringIO
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from subscriptions.models import Delivery, Frequency, Subscriber
from subscriptions.tasks import send_new_articles
from tests import servers
from tests.factories import ArticleFactory, SubscriberFactory
from tests.subscriptions.conftest import body, header, links

pytestmark = pytest.mark.django_db


def subject(message):
    return str(make_header(decode_header(message["Subject"])))


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Save an article live and commit, as the admin's publish does."""

    def save(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return ArticleFactory(published_at=timezone.now(), **fields)

    return save


def test_a_publish_mails_each_subscriber_once_with_unsubscribe_headers(
    smtp_server, run_worker, publish
):
    readers = SubscriberFactory.create_batch(3)
    SubscriberFactory(confirmed_at=None)
    SubscriberFactory(frequency=Frequency.WEEKLY)

    article = publish(title="Caches & “queues” <explained>", slug="caches")
    assert smtp_server.messages == []
    run_worker()
    run_worker()

    assert sorted(m["To"] for m in smtp_server.messages) == sorted(
        r.email for r in readers
    )
    message = smtp_server.messages[0]
    reader = Subscriber.objects.get(email=message["To"])
    assert subject(message) == "New on Backend Intro: Caches & “queues” <explained>"
    assert message.get_content_type() == "text/plain"
    url = f"http://127.0.0.1:8000{article.get_absolute_url()}"
    manage = f"http://127.0.0.1:8000{reader.manage_url()}"
    unsubscribe = f"http://127.0.0.1:8000{reader.unsubscribe_url()}"
    assert links(message) == [url, manage, unsubscribe]
    assert "Caches & “queues” <explained>" in body(message)
    assert header(message, "List-Unsubscribe") == f"<{unsubscribe}>"
    assert header(message, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"


def test_articles_that_went_live_before_the_confirmation_are_not_mailed(
    smtp_server, run_worker, publish
):
    ArticleFactory(published_at=timezone.now() - timedelta(hours=1))
    SubscriberFactory(confirmed_at=timezone.now())
    publish(title="Edited typo", slug="typo")  # the save of a live article
    run_worker()

    assert [subject(m) for m in smtp_server.messages] == [
        "New on Backend Intro: Edited typo"
    ]


def test_a_scheduled_article_is_mailed_once_when_its_time_comes(
    smtp_server, run_worker
):
    SubscriberFactory()
    now = timezone.now()
    ArticleFactory(title="Zeppelin", published_at=now + timedelta(minutes=1))
    call_command("announce_articles", stdout=None)
    run_worker()
    assert smtp_server.messages == []  # not yet live

    with time_machine.travel(now + timedelta(minutes=10)):
        first, second = StringIO(), StringIO()
        call_command("run_jobs", stdout=first)
        call_command("run_jobs", stdout=second)  # another server's cron
        call_command("announce_articles", stdout=None)  # and a run by hand
        run_worker()

    assert "announce_articles: running" in first.getvalue()
    assert "announce_articles: already run" in second.getvalue()
    assert [subject(m) for m in smtp_server.messages] == [
        "New on Backend Intro: Zeppelin"
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_each_mail_once(smtp_server):
    SubscriberFactory.create_batch(6)
    ArticleFactory(published_at=timezone.now())

    def work(_):
        try:
            send_new_articles.call()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(work, range(2)))

    assert len(smtp_server.messages) == 6
    assert len({m["To"] for m in smtp_server.messages}) == 6
    assert Delivery.objects.count() == 6


def test_a_mail_that_could_not_be_sent_is_sent_by_a_later_run(settings, publish):
    reader = SubscriberFactory()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", servers.free_port()
    publish()

    with pytest.raises(OSError):
        send_new_articles.call()

    with servers.smtp_server() as (inbox, port):
        settings.EMAIL_PORT = port
        send_new_articles.call()
    assert [m["To"] for m in inbox.messages] == [reader.email]


def test_one_click_unsubscribe_deletes_the_address(client):
    reader = SubscriberFactory()

    response = client.post(
        reader.unsubscribe_url(),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_the_unsubscribe_page_has_a_button_and_a_get_deletes_nothing(client):
    reader = SubscriberFactory()

    html = client.get(reader.unsubscribe_url()).content.decode()

    assert '<button type="submit">Unsubscribe</button>' in html
    assert Subscriber.objects.filter(pk=reader.pk).exists()


def test_a_forged_unsubscribe_link_deletes_nothing_and_says_the_same(client):
    reader = SubscriberFactory()
    forged = reader.unsubscribe_url().replace(reader.unsubscribe_token(), "0" * 64)

    real = Client().post(reader.unsubscribe_url().replace(str(reader.pk), "999999"))
    response = client.post(forged)

    assert response.content == real.content
    assert Subscriber.objects.filter(pk=reader.pk).exists()


def test_the_weekly_digest_lists_the_weeks_articles_once(smtp_server, run_worker):
    reader = SubscriberFactory(
        frequency=Frequency.WEEKLY, confirmed_at=timezone.now() - timedelta(days=30)
    )
    SubscriberFactory()  # each-article readers get no digest
    ArticleFactory(title="Old news", published_at=timezone.now() - timedelta(days=20))
    ArticleFactory(title="Monday", published_at=timezone.now() - timedelta(days=5))
    ArticleFactory(title="Friday", published_at=timezone.now() - timedelta(days=1))

    call_command("send_digests", stdout=None)
    call_command("send_digests", stdout=None)
    run_worker()

    [message] = smtp_server.messages
    assert message["To"] == reader.email
    assert subject(message) == "This week on Backend Intro"
    text = body(message)
    assert text.index("Monday") < text.index("Friday")
    assert "Old news" not in text
    assert header(message, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert urlsplit(links(message)[-1]).path == reader.unsubscribe_url()
