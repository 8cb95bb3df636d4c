"""What the site keeps of fediverse accounts stays its own: who follows the
site is never public unless the owner opts in, and an account's comments
are in the feeds, the export and the erasure as any commenter's are."""

import json
import re

import pytest

from comments.models import Comment, Source, Status
from federation.models import Follower, RemoteActor
from tests.factories import ArticleFactory, UserFactory
from tests.test_privacy_walk import walk

pytestmark = pytest.mark.django_db
URL = re.compile(r'"(http://testserver/[^"\\]+)"')


@pytest.fixture
def followed_site(fediverse, settings):
    settings.FEDERATION_SHOW_FOLLOWERS = False
    article = ArticleFactory(title="Followed")
    remote = RemoteActor.objects.create(
        uri="https://secret.example/users/quiet",
        handle="@quiet@secret.example",
        inbox="https://secret.example/users/quiet/inbox",
        shared_inbox="https://secret.example/inbox",
    )
    Follower.objects.create(actor="site", remote=remote)
    Follower.objects.create(actor=f"author-{article.author_id}", remote=remote)
    return article


def activitypub_walk(client, start):
    seen, queue, bodies = set(), list(start), []
    while queue and len(seen) < 200:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        if "/static/" in url:
            continue
        response = client.get(
            url.removeprefix("http://testserver"),
            headers={"Accept": "application/activity+json"},
        )
        text = response.content.decode(errors="replace")
        bodies.append((url, text))
        queue += URL.findall(text)
    return bodies


def test_no_follower_is_named_on_any_public_page_or_document(client, followed_site):
    pages = walk(client, ["/", followed_site.get_absolute_url(), "/authors/"])
    documents = activitypub_walk(
        client,
        [
            "http://testserver/ap/actors/test-site",
            "http://testserver/.well-known/nodeinfo",
        ],
    )
    assert len(documents) > 8
    pages = [(path, r.content.decode(errors="replace")) for path, r in pages]
    for where, text in pages + documents:
        assert "secret.example" not in text, where
        assert "quiet" not in text, where


def test_a_fediverse_comment_shows_what_its_author_published_and_no_more(
    client, fediverse, read_feed
):
    article = ArticleFactory()
    Comment.objects.create(
        entry=article.entry, source=Source.FEDIVERSE, status=Status.APPROVED,
        name="Zoe", handle="@zoe@m.example", website="https://m.example/@zoe",
        remote_id="https://m.example/users/zoe/statuses/1",
        remote_author="https://m.example/users/zoe", body="Hello from afar.",
    )  # fmt: skip
    _, feed = read_feed(f"{article.get_absolute_url()}comments/rss/")
    [item] = feed.entries
    assert item.author == "Zoe"
    page = client.get(article.get_absolute_url()).content.decode()
    assert "@zoe@m.example" in page and "https://m.example/@zoe" in page


def test_an_accounts_data_is_exported_and_erased_from_the_admin(client, fediverse):
    article = ArticleFactory(title="Talked about")
    remote = RemoteActor.objects.create(
        uri="https://m.example/users/zoe", handle="@zoe@m.example"
    )
    Follower.objects.create(actor="site", remote=remote)
    Comment.objects.create(
        entry=article.entry, source=Source.FEDIVERSE, status=Status.APPROVED,
        name="Zoe", remote_id="https://m.example/users/zoe/statuses/1",
        remote_author=remote.uri, body="My words.",
    )  # fmt: skip
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    changelist = "/admin/federation/remoteactor/"
    exported = client.post(
        changelist, {"action": "export_data", "_selected_action": [remote.pk]}
    )
    [record] = json.loads(exported.content)
    assert record["comments"][0]["body"] == "My words."
    assert record["follows"] == ["site"]
    client.post(changelist, {"action": "erase_data", "_selected_action": [remote.pk]})
    assert not Comment.objects.exists()
    assert not RemoteActor.objects.exists() and not Follower.objects.exists()


def test_editors_see_how_many_follow_each_account(client, followed_site):
    loud = RemoteActor.objects.create(uri="https://m.example/users/loud")
    Follower.objects.create(actor="site", remote=loud)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    changelist = "/admin/federation/follower/"
    site = client.get(changelist, {"actor": "site"}).content.decode()
    author = client.get(
        changelist, {"actor": f"author-{followed_site.author_id}"}
    ).content.decode()
    assert re.search(r"\b2 followers\b", site)
    assert re.search(r"\b1 follower\b", author)
