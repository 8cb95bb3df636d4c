"""Commenters' data: exported and erased on request, expired by default."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment, Status
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_export_returns_every_comment_stored_for_an_address(capsys):
    first = CommentFactory(email="me@example.net", body="One.")
    CommentFactory(
        email="Me@Example.net", body="Two.", parent=first, article=first.target
    )
    CommentFactory(email="someone@example.net")

    call_command("comment_data", "export", "me@example.net")

    data = json.loads(capsys.readouterr().out)
    assert [c["body"] for c in data["comments"]] == ["One.", "Two."]
    assert data["comments"][0]["ip_address"] == "203.0.113.9"
    assert data["comments"][1]["in_reply_to"] == first.pk


def test_erase_deletes_comments_and_anonymises_those_others_replied_to(capsys):
    answered = CommentFactory(email="me@example.net", body="Answered.")
    reply = CommentFactory(parent=answered, article=answered.target, body="Reply.")
    CommentFactory(email="me@example.net", body="Alone.")

    call_command("comment_data", "erase", "me@example.net")

    assert "1 comment(s) deleted, 1 anonymised" in capsys.readouterr().out
    answered.refresh_from_db()
    assert (answered.email, answered.body, answered.ip_address) == ("", "", None)
    assert answered.status == Status.REMOVED
    assert Comment.objects.filter(pk=reply.pk).exists()
    assert not Comment.objects.filter(body="Alone.").exists()


def test_retention_drops_addresses_and_old_spam_after_30_days(capsys):
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=31)):
        old = CommentFactory()
        old_spam = CommentFactory(status=Status.SPAM)
        old_removed = CommentFactory(status=Status.REMOVED)
    recent = CommentFactory()
    recent_spam = CommentFactory(status=Status.SPAM)

    call_command("apply_comment_retention")

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert recent.ip_address == "203.0.113.9"
    remaining = set(Comment.objects.values_list("pk", flat=True))
    assert old_spam.pk not in remaining and old_removed.pk not in remaining
    assert recent_spam.pk in remaining
    assert "3 comment(s) scrubbed, 2 deleted" in capsys.readouterr().out


def test_retention_period_is_configurable(settings):
    settings.COMMENTS_RETENTION_DAYS = 7
    with time_machine.travel(timezone.now() - timedelta(days=8)):
        comment = CommentFactory()

    call_command("apply_comment_retention")

    comment.refresh_from_db()
    assert comment.ip_address is None


def test_retention_deletes_reply_subscriptions_no_address_confirmed_or_kept():
    from comments.commenters import ReplySubscription

    now = timezone.now()
    kept = CommentFactory(email="kept@example.net", email_confirmed_at=now)
    changed = CommentFactory(email="new@example.net", email_confirmed_at=now)
    waiting = CommentFactory(email="waiting@example.net")
    late = CommentFactory(email="late@example.net")
    for comment in (kept, waiting):
        ReplySubscription.objects.create(comment=comment, email=comment.email)
    ReplySubscription.objects.create(comment=changed, email="old@example.net")
    with time_machine.travel(now - timedelta(hours=49)):
        ReplySubscription.objects.create(comment=late, email=late.email)

    call_command("apply_comment_retention", stdout=None)

    remaining = set(ReplySubscription.objects.values_list("email", flat=True))
    assert remaining == {"kept@example.net", "waiting@example.net"}
