"""Fediverse replies join the conversation under the article, moderated as
the form's comments are, and the site's replies go back to their authors."""

import pytest

from comments.models import Comment, Source, Status
from federation.models import Reactions
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(committed):
    with committed():
        return ArticleFactory(title="On caching")


def url_of(article):
    return f"http://testserver{article.get_absolute_url()}"


def reply(client, account, article, content, *, site_inbox="/ap/inbox", **note):
    note = account.note(in_reply_to=url_of(article), content=content, **note)
    account.post(client, site_inbox, account.activity("Create", note))
    return note


def test_a_first_reply_waits_for_moderation_then_shows_with_a_badge(
    client, alice, article, work, mailoutbox
):
    reply(client, alice, article, "<p>Nice <b>post</b>!</p>")
    work()
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert "first comment" in comment.moderation_reason
    assert (comment.source, comment.handle, comment.email) == (
        Source.FEDIVERSE, alice.handle, "",
    )  # fmt: skip
    assert comment.body == "Nice post!"
    assert "Nice post!" not in client.get(article.get_absolute_url()).content.decode()
    comment.status = Status.APPROVED
    comment.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Nice post!" in page
    assert "via the fediverse" in page
    assert alice.handle in page


def test_a_known_account_is_approved_at_once(client, alice, article, work):
    reply(client, alice, article, "<p>First.</p>")
    work()
    Comment.objects.update(status=Status.APPROVED)
    reply(client, alice, article, "<p>Second.</p>")
    work()
    assert Comment.objects.get(body="Second.").status == Status.APPROVED


def test_the_form_rules_apply_to_replies(client, alice, article, work, settings):
    settings.COMMENTS_DISALLOWED_WORDS = ["casino"]
    reply(client, alice, article, "<p>Best casino in town</p>")
    work()
    assert Comment.objects.get().status == Status.SPAM


def test_a_reply_to_a_comment_joins_its_thread(client, alice, fediverse, article, work):
    first = reply(client, alice, article, "<p>Top.</p>")
    work()
    bob = fediverse.account("bob")
    note = bob.note(in_reply_to=first["id"], content="<p>Below.</p>")
    bob.post(client, "/ap/inbox", bob.activity("Create", note))
    work()
    below = Comment.objects.get(body="Below.")
    assert below.parent == Comment.objects.get(body="Top.")


def test_edits_and_deletions_from_the_author_reach_every_page(
    client, alice, article, work, settings
):
    settings.PAGE_CACHE = True
    note = reply(client, alice, article, "<p>Original words.</p>")
    work()
    Comment.objects.update(status=Status.APPROVED)
    comment = Comment.objects.get()
    comment.save()  # approved through the admin: counted and shown
    assert "Original words." in client.get(article.get_absolute_url()).content.decode()
    edited = {**note, "content": "<p>Better words.</p>"}
    alice.post(client, "/ap/inbox", alice.activity("Update", edited))
    work()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Better words." in page and "Original words." not in page
    alice.post(client, "/ap/inbox", alice.activity("Delete", note["id"]))
    work()
    assert not Comment.objects.exists()
    assert (
        "Better words." not in client.get(article.get_absolute_url()).content.decode()
    )


def test_someone_elses_delete_removes_nothing(client, alice, fediverse, article, work):
    note = reply(client, alice, article, "<p>Mine.</p>")
    work()
    bob = fediverse.account("bob")
    bob.post(client, "/ap/inbox", bob.activity("Delete", note["id"]))
    work()
    assert Comment.objects.filter(body="Mine.").exists()


def test_a_deleted_account_takes_all_its_comments(
    client, alice, fediverse, article, work
):
    reply(client, alice, article, "<p>One.</p>")
    reply(client, alice, article, "<p>Two.</p>")
    bob = fediverse.account("bob")
    reply(client, bob, article, "<p>Bob's.</p>")
    work()
    alice.post(client, "/ap/inbox", alice.activity("Delete", alice.uri))
    work()
    assert list(Comment.objects.values_list("body", flat=True)) == ["Bob's."]


def test_the_sites_reply_goes_to_the_author_with_a_mention(
    client, alice, fediverse, article, work, committed
):
    note = reply(client, alice, article, "<p>A question?</p>")
    work()
    question = Comment.objects.get()
    with committed():
        Comment.objects.create(
            entry=question.entry, parent=question, name="The site",
            body="An answer.", status=Status.APPROVED, is_staff_reply=True,
        )  # fmt: skip
    work()
    [create] = [a for a in fediverse.activities("Create")]
    sent = create["object"]
    assert sent["inReplyTo"] == note["id"]
    assert {"type": "Mention", "href": alice.uri, "name": alice.handle} in sent["tag"]
    assert alice.handle in sent["content"] and "An answer." in sent["content"]
    assert fediverse.received[-1][0] == "/users/alice/inbox"
    note_page = client.get(sent["id"].removeprefix("http://testserver"))
    assert note_page.json()["id"] == sent["id"]


def test_the_sites_reply_from_the_admin_goes_out(
    client, alice, fediverse, article, work, committed
):
    reply(client, alice, article, "<p>Hello?</p>")
    work()
    question = Comment.objects.get()
    moderator = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(moderator)
    with committed():
        response = client.post(
            f"/admin/comments/comment/{question.pk}/change/",
            {
                "name": question.name, "email": "", "website": question.website,
                "body": question.body, "status": Status.APPROVED,
                "site_reply": "Hello from the site.",
            },
        )  # fmt: skip
    assert response.status_code == 302, response.content[:2000]
    work()
    assert (
        "Hello from the site." in fediverse.activities("Create")[0]["object"]["content"]
    )


def test_likes_and_boosts_are_counted_for_editors(
    client, alice, fediverse, article, work
):
    like = alice.activity("Like", url_of(article))
    alice.post(client, "/ap/inbox", like)
    bob = fediverse.account("bob")
    bob.post(client, "/ap/inbox", bob.activity("Like", url_of(article)))
    bob.post(client, "/ap/inbox", bob.activity("Announce", url_of(article)))
    work()
    counts = Reactions.objects.get(entry=article.entry)
    assert (counts.likes, counts.boosts) == (2, 1)
    alice.post(client, "/ap/inbox", alice.activity("Undo", like))
    work()
    counts.refresh_from_db()
    assert (counts.likes, counts.boosts) == (1, 1)


def test_replies_to_a_closed_article_are_not_taken(client, alice, article, work):
    article.comments_open = False
    article.save()
    reply(client, alice, article, "<p>Late.</p>")
    work()
    assert not Comment.objects.exists()
