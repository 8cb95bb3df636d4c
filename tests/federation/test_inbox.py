"""What other servers send the site's inboxes: answered at once (202), or
refused with the reason (401, 403, 413, 429); handled in the task worker."""

import io
import json

import pytest
from PIL import Image

from comments.models import Comment, Source, Status
from federation.models import Block, Follower, RemoteActor
from federation.signatures import CAVAGE
from outbound import client as outbound_client
from ratelimits.models import Counter
from tests.factories import ArticleFactory

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


def test_an_accounts_picture_is_copied_by_the_worker_and_served_by_the_site(
    client, alice, fediverse, work, site_inbox, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    fediverse.pages["/alice.png"] = (200, {"Content-Type": "image/png"}, png(300))
    alice.document_overrides["icon"] = {
        "type": "Image",
        "url": f"{fediverse.base}/alice.png",
    }
    alice.post(client, site_inbox, alice.activity("Follow", SITE))
    work()
    avatar = RemoteActor.objects.get().avatar
    assert avatar.startswith("/media/fediverse/")
    response = client.get(avatar)
    picture = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert response["Content-Type"] == "image/png"
    assert max(picture.size) <= 96


def test_no_request_of_a_reader_or_a_server_makes_the_site_ask_another_host(
    client, alice, site_inbox, monkeypatch
):
    """Fetches happen in the worker only: the pages and the inbox never reach
    the outbound client."""

    def refuse(*args, **kwargs):
        raise AssertionError("a request to another host on the request path")

    monkeypatch.setattr(outbound_client, "_connection", refuse)
    article = ArticleFactory()
    Comment.objects.create(
        entry=article.entry, source=Source.FEDIVERSE, status=Status.APPROVED,
        name="Zoe", avatar="/media/fediverse/abc.png", remote_author=alice.uri,
        remote_id=f"{alice.uri}/statuses/1", body="Hello.",
    )  # fmt: skip
    assert client.get(article.get_absolute_url()).status_code == 200
    note = alice.note(in_reply_to=f"http://testserver{article.get_absolute_url()}",
                      content="<p>Hi</p>")  # fmt: skip
    response = alice.post(client, site_inbox, alice.activity("Create", note))
    assert response.status_code == 202


def png(size):
    out = io.BytesIO()
    Image.new("RGB", (size, size), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()
