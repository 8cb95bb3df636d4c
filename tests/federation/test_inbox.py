"""What other servers send the site's inboxes: answered at once (202), or
refused with the reason (401, 403, 413, 429); handled in the task worker."""

import json

import pytest

from federation.models import Block, Follower, RemoteActor
from federation.signatures import CAVAGE
from ratelimits.models import Counter

pytestmark = pytest.mark.django_db
SITE = "http://testserver/ap/actors/test-site"


@pytest.mark.parametrize("spec", ["rfc9421", CAVAGE])
def test_a_follow_is_accepted_with_a_signed_accept(
    client, alice, fediverse, work, site_inbox, spec
):
    follow = alice.activity("Follow", SITE)
    response = alice.post(client, site_inbox, follow, spec=spec)
    assert response.status_code == 202
    work()
    follower = Follower.objects.get()
    assert (follower.actor, follower.remote.uri) == ("site", alice.uri)
    assert follower.remote.handle == alice.handle
    [accept] = fediverse.activities("Accept")
    assert accept["object"]["id"] == follow["id"]
    assert accept["actor"] == SITE
    path, headers, _ = fediverse.received[0]
    assert path == "/users/alice/inbox"
    assert "Signature" in headers


def test_undo_removes_the_follower(client, alice, work, site_inbox):
    follow = alice.activity("Follow", SITE)
    alice.post(client, site_inbox, follow)
    work()
    alice.post(client, site_inbox, alice.activity("Undo", follow))
    work()
    assert not Follower.objects.exists()


def test_a_tampered_body_is_refused_before_any_work(client, alice, site_inbox):
    follow = alice.activity("Follow", SITE)
    tampered = json.dumps({**follow, "object": "http://testserver/other"}).encode()
    response = alice.post(client, site_inbox, follow, body=tampered)
    assert response.status_code == 401
    assert b"Digest" in response.content


def test_an_unsigned_activity_is_refused(client, alice, site_inbox):
    response = client.post(
        site_inbox,
        json.dumps(alice.activity("Follow", SITE)),
        content_type="application/activity+json",
    )
    assert response.status_code == 401


def test_a_signature_by_another_account_does_nothing(
    client, fediverse, alice, work, site_inbox
):
    mallory = fediverse.account("mallory")
    forged = alice.activity("Follow", SITE)
    response = mallory.post(client, site_inbox, forged)
    assert response.status_code == 202  # the same server: checked in the worker
    work()
    assert not Follower.objects.exists()


def test_a_rotated_key_is_fetched_again(client, alice, work, site_inbox):
    alice.post(client, site_inbox, alice.activity("Follow", SITE))
    work()
    alice.rotate_key()
    RemoteActor.objects.update(key_fetched_at="2000-01-01T00:00Z")
    follow = alice.activity("Follow", "http://testserver/ap/actors/test-site")
    Follower.objects.all().delete()
    alice.post(client, site_inbox, follow)
    work()
    assert Follower.objects.exists()


def test_a_blocked_domain_is_refused(client, alice, site_inbox):
    Block.objects.create(kind=Block.Kind.DOMAIN, value="127.0.0.1")
    response = alice.post(client, site_inbox, alice.activity("Follow", SITE))
    assert response.status_code == 403


def test_a_blocked_account_is_refused(client, alice, fediverse, site_inbox):
    Block.objects.create(kind=Block.Kind.ACCOUNT, value=alice.uri)
    assert (
        alice.post(client, site_inbox, alice.activity("Follow", SITE)).status_code
        == 403
    )
    bob = fediverse.account("bob")
    assert bob.post(client, site_inbox, bob.activity("Follow", SITE)).status_code == 202


def test_a_host_posting_too_often_is_told_to_wait(client, alice, settings, site_inbox):
    settings.FEDERATION_INBOX_RATE_LIMIT = 2
    answers = [
        alice.post(client, site_inbox, alice.activity("Follow", SITE)).status_code
        for _ in range(3)
    ]
    assert answers == [202, 202, 429]
    assert Counter.objects.exists()


def test_an_activity_larger_than_allowed_is_refused(
    client, alice, settings, site_inbox
):
    settings.FEDERATION_MAX_PAYLOAD = 1000
    large = alice.activity("Follow", SITE, padding="x" * 2000)
    assert alice.post(client, site_inbox, large).status_code == 413


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"type": "Follow"}'])
def test_what_is_no_activity_is_a_400(client, alice, site_inbox, body):
    activity = alice.activity("Follow", SITE)
    assert alice.post(client, site_inbox, activity, body=body).status_code == 400


def test_an_inbox_of_no_account_is_404(client, alice):
    follow = alice.activity("Follow", SITE)
    assert alice.post(client, "/ap/actors/nobody/inbox", follow).status_code == 404
