"""Publishing reaches followers: Create (and the site's boost) when an
article goes live, Update on an edit, Delete when it goes; each server's
shared inbox once; retried over days, and given up on at last."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from federation.models import Block, Delivery, Follower, Host, Inbox, RemoteActor
from publishing.models import Status
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def followers(fediverse):
    """Three accounts of one server following the site, one the author."""
    remotes = []
    for name in ("ann", "ben", "cat"):
        account = fediverse.account(name)
        remote = RemoteActor.objects.create(
            uri=account.uri,
            inbox=f"{account.uri}/inbox",
            shared_inbox=f"{fediverse.base}/inbox",
        )
        remotes.append(remote)
        Follower.objects.create(actor="site", remote=remote)
    return remotes


def published(committed, **fields):
    with committed():
        return ArticleFactory(**fields)


def test_a_new_article_reaches_each_server_once(fediverse, followers, committed, work):
    article = published(committed, title="Fresh")
    work()
    paths = [path for path, _, _ in fediverse.received]
    assert sorted(paths) == ["/inbox", "/inbox"]  # Create, and the site's boost
    [create] = fediverse.activities("Create")
    assert create["object"]["name"] == "Fresh"
    assert create["object"]["id"].endswith(article.get_absolute_url())
    [boost] = fediverse.activities("Announce")
    assert boost["object"] == create["object"]["id"]
    assert boost["actor"].endswith("/ap/actors/test-site")


def test_an_edit_sends_an_update_and_a_save_without_change_sends_nothing(
    fediverse, followers, committed, work
):
    article = published(committed)
    work()
    with committed():
        article.save()
    work()
    assert fediverse.activities("Update") == []
    with committed():
        article.title = "Corrected"
        article.save()
    work()
    [update] = fediverse.activities("Update")
    assert update["object"]["name"] == "Corrected"


@pytest.mark.parametrize("how", ["withdrawn", "deleted"])
def test_an_article_taken_down_is_deleted_on_the_fediverse(
    fediverse, followers, committed, work, how
):
    article = published(committed)
    work()
    with committed():
        if how == "deleted":
            article.delete()
        else:
            article.status = Status.DRAFT
            article.save()
    work()
    [delete] = fediverse.activities("Delete")
    assert delete["object"]["type"] == "Tombstone"
    assert delete["object"]["id"].endswith(f"/articles/{article.slug}/")


def test_a_scheduled_article_is_sent_when_it_goes_live(
    fediverse, followers, committed, work
):
    published(committed, published_at=timezone.now() + timedelta(hours=1))
    work()
    assert fediverse.activities("Create") == []
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        call_command("federate_articles", stdout=open("/dev/null", "w"))  # noqa: SIM115
        work()
        assert len(fediverse.activities("Create")) == 1


def test_a_server_that_is_down_is_tried_again_over_days_then_marked_dead(
    fediverse, followers, committed, work, settings
):
    settings.FEDERATION_RETRY_MINUTES = [1, 60, 24 * 60]
    fediverse.answers["/inbox"] = 503
    published(committed)
    work()
    delivery = Delivery.objects.filter(activity__type="Create").get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    tries = [1]
    for minutes in (2, 62, 24 * 60 + 63):
        with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
            work()
        delivery.refresh_from_db()
        tries.append(delivery.attempts)
    assert tries == [1, 2, 3, 4]
    assert delivery.status == Delivery.Status.FAILED
    assert Inbox.objects.get(url=f"{fediverse.base}/inbox").dead_at is not None
    fediverse.received.clear()
    published(committed)
    work()
    assert fediverse.received == []  # nothing more to a dead inbox


def test_a_server_back_from_the_dead_is_sent_to_again(
    client, fediverse, followers, committed, work
):
    host = Host.objects.create(domain=fediverse.base.removeprefix("http://"))
    inbox = Inbox.objects.create(
        url=f"{fediverse.base}/inbox", host=host, dead_at=timezone.now()
    )
    account = fediverse.accounts["ann"]
    account.post(client, "/ap/inbox", account.activity("Like", "http://x.example/"))
    work()
    assert Inbox.objects.get(pk=inbox.pk).dead_at is None


def test_an_activity_refused_for_good_is_not_sent_again(
    fediverse, followers, committed, work
):
    fediverse.answers["/inbox"] = 422
    published(committed)
    work()
    assert Delivery.objects.filter(status=Delivery.Status.FAILED).count() == 2
    assert Inbox.objects.get().dead_at is None


def test_a_server_refusing_rfc9421_gets_draft_cavage_and_keeps_it(
    fediverse, followers, committed, work
):
    fediverse.cavage_only = True
    published(committed)
    work()
    assert Host.objects.get(domain=fediverse.base[7:]).signature_spec == "cavage"
    assert Delivery.objects.filter(status=Delivery.Status.DELIVERED).count() == 2
    assert all("Signature-Input" not in headers for _, headers, _ in fediverse.received)


def test_a_blocked_server_gets_nothing(fediverse, followers, committed, work):
    Block.objects.create(kind=Block.Kind.DOMAIN, value="127.0.0.1")
    published(committed)
    work()
    assert fediverse.received == []
