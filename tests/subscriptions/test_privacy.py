"""Subscribers' addresses: exported, erased, expired, and kept from editors."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment
from subscriptions.models import Delivery, Frequency, Subscriber
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    SubscriberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/subscriptions/subscriber/"


def test_the_export_of_an_address_includes_its_subscription(capsys):
    reader = SubscriberFactory(email="me@example.net", frequency=Frequency.WEEKLY)
    Delivery.objects.create(
        subscriber=reader, article=ArticleFactory(title="Sent to me")
    )
    SubscriberFactory(email="other@example.net")

    call_command("comment_data", "export", "Me@Example.net")

    [subscription] = json.loads(capsys.readouterr().out)["subscriptions"]
    assert subscription["email"] == "me@example.net"
    assert subscription["frequency"] == "weekly"
    assert subscription["articles_sent"] == ["Sent to me"]


def test_erasing_an_address_deletes_its_subscription_and_comments(capsys):
    SubscriberFactory(email="me@example.net")
    other = SubscriberFactory(email="other@example.net")
    CommentFactory(email="me@example.net")

    call_command("comment_data", "erase", "ME@example.net")

    assert "subscriptions: 1 erased." in capsys.readouterr().out
    assert list(Subscriber.objects.all()) == [other]
    assert not Comment.objects.exists()


def test_the_admin_erasure_of_a_commenter_deletes_their_subscription(editor_client):
    comment = CommentFactory(email="me@example.net")
    SubscriberFactory(email="me@example.net")

    response = editor_client.post(
        "/admin/comments/comment/",
        {
            "action": "erase_commenter_data",
            "_selected_action": [comment.pk],
            "confirmed": "yes",
        },
        follow=True,
    )

    assert not Subscriber.objects.exists()
    assert "1 comment(s) deleted, 0 anonymised, 1 subscriptions erased" in (
        response.content.decode()
    )


def test_sign_ups_never_confirmed_are_deleted_when_their_link_expires():
    now = timezone.now()
    with time_machine.travel(now - timedelta(hours=49)):
        expired = SubscriberFactory(confirmed_at=None)
        expired.new_token()
        confirmed_long_ago = SubscriberFactory(confirmed_at=timezone.now())
    waiting = SubscriberFactory(confirmed_at=None)
    waiting.new_token()

    call_command("run_jobs", stdout=None)

    assert set(Subscriber.objects.all()) == {confirmed_long_ago, waiting}


def test_editors_see_counts_and_never_an_address(editor_client):
    SubscriberFactory(email="each@example.net")
    SubscriberFactory(email="weekly@example.net", frequency=Frequency.WEEKLY)
    SubscriberFactory(email="pending@example.net", confirmed_at=None)

    html = editor_client.get(CHANGELIST).content.decode()

    assert (
        "2 confirmed (each new article: 1, a weekly digest: 1); "
        "1 waiting for confirmation."
    ) in html
    assert "@example.net" not in html


def test_editors_cannot_search_or_filter_by_address(editor_client):
    SubscriberFactory(email="each@example.net")
    SubscriberFactory(email="weekly@example.net")

    searched = editor_client.get(CHANGELIST, {"q": "each"}).content.decode()
    probed = editor_client.get(CHANGELIST, {"email__startswith": "each"})

    assert "2 subscribers" in searched  # the search box ignores the address
    assert probed.status_code == 400


def test_staff_given_the_permission_see_addresses(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_subscriber", "see_subscriber_addresses"]
        )
    )
    client.force_login(user)
    SubscriberFactory(email="each@example.net")

    assert "each@example.net" in client.get(CHANGELIST).content.decode()
