"""A commenter fixes a typo: edit or delete a comment from the browser that
sent it, for fifteen minutes; edits meet the moderation rules again, and
every cache shows the change at once."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from comments.commenters import CommenterAction, commenter_code
from comments.models import Comment, Status
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(post_comment, client, prove_address):
    """Ada's published comment, sent a moment ago from ``client``, a browser
    that confirmed her address."""
    article = ArticleFactory()
    CommentFactory(email="ada@example.net", article=article)  # she is known
    prove_address(client)
    post_comment(article, body="Teh first version.")
    comment = Comment.objects.get(body="Teh first version.")
    assert comment.status == Status.APPROVED
    return comment


def edit(browser, comment, body, **extra):
    return browser.post(f"/comments/{comment.pk}/edit/", {"body": body}, **extra)


def test_the_author_sees_edit_and_delete_for_fifteen_minutes(sent, client):
    url = sent.target.get_absolute_url()

    mine = client.get(url).content.decode()
    theirs = Client().get(url).content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        later = client.get(url).content.decode()

    for link in (f"/comments/{sent.pk}/edit/", f"/comments/{sent.pk}/delete/"):
        assert link in mine and link not in theirs and link not in later


def test_an_edit_shows_at_once_even_to_readers_of_cached_pages(sent, client, settings):
    settings.PAGE_CACHE = True
    url = sent.target.get_absolute_url()
    assert "Teh first version." in Client().get(url).content.decode()  # now cached

    response = edit(client, sent, "The first version.")

    sent.refresh_from_db()
    assert response.status_code == 302 and response["Location"].endswith(
        f"#comment-{sent.pk}"
    )
    assert sent.body == "The first version." and sent.edited_at
    page = Client().get(url).content.decode()
    assert "The first version." in page and "Teh first" not in page
    assert '<span class="comment-edited">edited</span>' in page


def test_an_edit_meets_the_moderation_rules_again(sent, client):
    edit(client, sent, "Now see https://a.example and www.b.example")

    sent.refresh_from_db()
    assert sent.status == Status.PENDING
    assert sent.moderation_reason == "held: 2 links (edited)"
    assert (
        "www.b.example"
        not in Client().get(sent.target.get_absolute_url()).content.decode()
    )


def test_an_edit_from_a_browser_that_never_proved_the_address_waits_again(
    post_comment, run_worker, smtp_server, editor, django_capture_on_commit_callbacks
):
    author = Client()
    post_comment(ArticleFactory(), body="Approved by a moderator.", using=author)
    comment = Comment.objects.get()
    comment.status = Status.APPROVED
    comment.save()

    with django_capture_on_commit_callbacks(execute=True):
        edit(author, comment, "Changed after approval.")
    run_worker()

    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    [message] = smtp_server.messages
    assert (
        "Ada Reader edited their comment on"
        in message.get_payload(decode=True).decode()
    )


def test_spam_stays_spam_when_its_sender_edits_it(post_comment, client):
    post_comment(ArticleFactory(), body="Buy now.", contact_me_by_fax="x")
    comment = Comment.objects.get()

    edit(client, comment, "An innocent remark.")

    comment.refresh_from_db()
    assert comment.status == Status.SPAM and comment.body == "An innocent remark."


def test_no_other_browser_may_edit_or_delete(sent):
    stranger = Client()

    edited = edit(stranger, sent, "Defaced.")
    deleted = stranger.post(f"/comments/{sent.pk}/delete/")

    assert edited.status_code == deleted.status_code == 403
    sent.refresh_from_db()
    assert sent.body == "Teh first version."


def test_after_fifteen_minutes_the_comment_stays_as_it_is(sent, client):
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = edit(client, sent, "Too late.")
        deleted = client.post(f"/comments/{sent.pk}/delete/")

    assert response.status_code == deleted.status_code == 403
    assert "open your comments" in response.content.decode()
    sent.refresh_from_db()
    assert sent.body == "Teh first version."


def test_an_edit_is_held_to_the_same_length_as_a_new_comment(sent, client, settings):
    settings.COMMENTS_MAX_LENGTH = 20

    response = edit(client, sent, "x" * 21)

    assert response.status_code == 200
    assert "at most 20 characters long; this one has 21" in response.content.decode()


def test_the_author_deletes_a_comment_after_saying_so(sent, client):
    url = sent.target.get_absolute_url()

    asked = client.get(f"/comments/{sent.pk}/delete/")
    assert "Delete your comment?" in asked.content.decode()
    assert 'class="danger">Delete my comment</button>' in asked.content.decode()
    client.post(f"/comments/{sent.pk}/delete/")

    assert not Comment.objects.filter(pk=sent.pk).exists()
    assert "Teh first version." not in Client().get(url).content.decode()
    [logged] = CommenterAction.objects.all()
    assert (logged.action, logged.detail) == ("deleted", f"comment #{sent.pk}")
    assert logged.commenter == commenter_code("ada@example.net")


def test_a_deleted_comment_with_replies_leaves_its_place(sent, client):
    CommentFactory(article=sent.target, parent=sent, body="A quick answer.")

    client.post(f"/comments/{sent.pk}/delete/")

    html = Client().get(sent.target.get_absolute_url()).content.decode()
    assert "This comment was removed." in html and "A quick answer." in html
