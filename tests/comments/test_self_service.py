"""A commenter asks for a link to their comments, and from it downloads,
deletes or erases what the site keeps about them."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from comments.commenters import Action, CommenterAction, ReplySubscription
from comments.models import Comment, Status
from subscriptions.models import Subscriber
from tests.comments.conftest import mailed_paths, text
from tests.factories import ArticleFactory, CommentFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ask_for_link(django_capture_on_commit_callbacks):
    def ask(email, *, ip="198.51.100.7"):
        with django_capture_on_commit_callbacks(execute=True):
            return Client(REMOTE_ADDR=ip).post("/comments/manage/", {"email": email})

    return ask


@pytest.fixture
def mailed_link(ask_for_link, run_worker, smtp_server):
    """Ask for the link of ``email`` and return its path."""

    def link(email):
        ask_for_link(email)
        run_worker()
        [path] = mailed_paths(smtp_server.messages[-1])
        return path

    return link


@pytest.fixture
def opened(mailed_link):
    """A browser that followed the mailed link of ``email`` and pressed its button."""

    def open_for(email):
        browser = Client()
        response = browser.post(mailed_link(email))
        assert response.status_code == 302
        return browser

    return open_for


def test_the_comment_form_links_to_the_page(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()

    assert 'href="/comments/manage/"' in html


def test_the_answer_is_the_same_whether_or_not_the_address_has_comments(
    ask_for_link, run_worker, smtp_server
):
    CommentFactory(email="known@example.net")

    known = ask_for_link("known@example.net", ip="203.0.113.1")
    unknown = ask_for_link("unknown@example.net", ip="203.0.113.2")

    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    assert b"Check your inbox" in known.content
    run_worker()
    [message] = smtp_server.messages  # only the known address gets a mail
    assert message["To"] == "known@example.net"


def test_a_bad_address_is_a_form_error(client):
    response = client.post("/comments/manage/", {"email": "not an address\x00"})

    assert response.status_code == 200
    assert b"Please correct 1 problem" in response.content


def test_links_are_limited_per_address_and_per_ip(ask_for_link):
    CommentFactory(email="known@example.net")
    per_address = [
        ask_for_link("known@example.net", ip=f"203.0.113.{n}").status_code
        for n in range(6)
    ]
    per_ip = [
        ask_for_link(f"person{n}@example.net", ip="198.51.100.9").status_code
        for n in range(21)
    ]

    assert per_address == [200] * 5 + [429]
    assert per_ip == [200] * 20 + [429]


def test_the_link_opens_a_button_and_works_once(mailed_link, smtp_server):
    CommentFactory(email="me@example.net", body="My words.")
    path = mailed_link("me@example.net")
    assert "works once, for 60 minutes" in text(smtp_server.messages[0])

    assert Client().get(path).status_code == 200  # a scanner's fetch uses nothing
    browser = Client()
    opened = browser.post(path, follow=True)

    assert b"My words." in opened.content and b"Published" in opened.content
    assert Client().post(path).status_code == 410
    assert Client().get("/comments/manage/mine/").status_code == 403  # other browsers


def test_the_link_expires_after_an_hour(mailed_link):
    CommentFactory(email="me@example.net")
    path = mailed_link("me@example.net")

    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert Client().post(path).status_code == 410


def test_the_opened_page_lasts_half_an_hour(opened):
    CommentFactory(email="me@example.net")
    browser = opened("me@example.net")

    assert browser.get("/comments/manage/mine/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        expired = browser.get("/comments/manage/mine/")
    assert expired.status_code == 403 and b"Ask for a new link" in expired.content


def test_the_list_shows_each_status_and_no_one_elses_comments(opened):
    article = ArticleFactory()
    for status, body in (
        (Status.APPROVED, "Shown."),
        (Status.PENDING, "Held."),
        (Status.UNCONFIRMED, "Waiting."),
    ):
        CommentFactory(
            email="Me@Example.net", article=article, status=status, body=body
        )
    CommentFactory(email="other@example.net", body="Not mine.")

    html = opened("me@example.net").get("/comments/manage/mine/").content.decode()

    for words in ("Published", "Awaiting moderation", "Awaiting your confirmation"):
        assert words in html
    assert "Not mine." not in html
    assert "me@example.net" not in html.lower()


def test_the_list_says_reply_mails_wait_for_the_address_to_be_confirmed(opened):
    waiting = CommentFactory(email="me@example.net", body="Waiting.")
    confirmed = CommentFactory(
        email="me@example.net", body="Confirmed.", email_confirmed_at=timezone.now()
    )
    for comment in (waiting, confirmed):
        ReplySubscription.objects.create(comment=comment, email="me@example.net")

    html = opened("me@example.net").get("/comments/manage/mine/").content.decode()

    rows = {
        body: html.split(body, 1)[1].split("</tr>", 1)[0]
        for body in ("Waiting.", "Confirmed.")
    }
    assert "replies mailed to you once you confirm the address" in rows["Waiting."]
    assert "replies mailed to you</td>" in rows["Confirmed."]


def test_export_downloads_everything_stored_for_the_address(opened):
    comment = CommentFactory(email="me@example.net", body="Exported.")
    ReplySubscription.objects.create(comment=comment, email="me@example.net")
    SubscriberFactory(email="me@example.net")

    response = opened("me@example.net").post(
        "/comments/manage/mine/", {"action": "export"}
    )

    assert response["Content-Disposition"] == 'attachment; filename="my-comments.json"'
    data = json.loads(response.content)
    [stored] = data["comments"]
    assert stored["body"] == "Exported." and stored["email_me_replies"] is True
    assert stored["ip_address"] == "203.0.113.9"
    assert data["subscriptions"][0]["email"] == "me@example.net"


def test_deleting_a_comment_removes_it_from_the_article(opened, client):
    mine = CommentFactory(email="me@example.net", body="Regretted.")
    article = mine.target
    browser = opened("me@example.net")

    asked = browser.post(
        "/comments/manage/mine/", {"action": "delete", "comment": mine.pk}
    )
    assert b"Delete this comment?" in asked.content
    assert Comment.objects.filter(pk=mine.pk).exists()  # nothing yet
    response = browser.post(
        "/comments/manage/mine/",
        {"action": "delete", "comment": mine.pk, "sure": "yes"},
        follow=True,
    )

    assert b"The comment is deleted." in response.content
    assert not Comment.objects.filter(pk=mine.pk).exists()
    article.refresh_from_db()
    assert article.comment_count == 0
    assert "Regretted." not in client.get(article.get_absolute_url()).content.decode()


def test_delete_and_erase_look_like_what_they_do(opened):
    CommentFactory(email="me@example.net")

    html = opened("me@example.net").get("/comments/manage/mine/").content.decode()

    assert (
        '<button type="submit" name="action" value="delete" class="danger">Delete'
        in html
    )
    assert 'value="erase" class="danger">Erase all my data</button>' in html


def test_a_comment_others_replied_to_is_emptied_and_the_replies_kept(opened, client):
    mine = CommentFactory(email="me@example.net", body="Answered.")
    CommentFactory(article=mine.target, parent=mine, body="An answer.")

    opened("me@example.net").post(
        "/comments/manage/mine/",
        {"action": "delete", "comment": mine.pk, "sure": "yes"},
    )

    html = client.get(mine.target.get_absolute_url()).content.decode()
    assert "Answered." not in html and "An answer." in html
    assert "This comment was removed." in html


def test_no_one_can_delete_another_persons_comment(opened):
    theirs = CommentFactory(email="other@example.net")
    CommentFactory(email="me@example.net")
    browser = opened("me@example.net")

    for value in (theirs.pk, "²", "x"):
        response = browser.post(
            "/comments/manage/mine/",
            {"action": "delete", "comment": value, "sure": "yes"},
        )
        assert response.status_code == 404
    assert Comment.objects.filter(pk=theirs.pk).exists()


def test_erasing_takes_everything_but_the_replies_of_others(opened, client):
    answered = CommentFactory(email="me@example.net", body="Answered.")
    CommentFactory(article=answered.target, parent=answered, body="An answer.")
    alone = CommentFactory(email="me@example.net", body="Alone.")
    ReplySubscription.objects.create(comment=answered, email="me@example.net")
    SubscriberFactory(email="me@example.net")
    browser = opened("me@example.net")

    not_sure = browser.post("/comments/manage/mine/", {"action": "erase"})
    assert not_sure.status_code == 302 and Comment.objects.filter(pk=alone.pk).exists()
    erased = browser.post("/comments/manage/mine/", {"action": "erase", "sure": "yes"})

    assert b"Your data is erased" in erased.content
    assert not Comment.objects.of("me@example.net").exists()
    assert not ReplySubscription.objects.exists() and not Subscriber.objects.exists()
    assert Comment.objects.get(body="An answer.").parent.name == "(removed)"
    assert browser.get("/comments/manage/mine/").status_code == 403


def test_each_action_is_logged_for_moderators_without_the_address(
    opened, editor_client
):
    mine = CommentFactory(email="me@example.net")
    CommentFactory(email="me@example.net")
    browser = opened("me@example.net")
    browser.post("/comments/manage/mine/", {"action": "export"})
    browser.post(
        "/comments/manage/mine/",
        {"action": "delete", "comment": mine.pk, "sure": "yes"},
    )
    browser.post("/comments/manage/mine/", {"action": "erase", "sure": "yes"})

    actions = CommenterAction.objects.order_by("created_at", "pk")
    assert [a.action for a in actions] == [
        Action.OPENED,
        Action.EXPORTED,
        Action.DELETED,
        Action.ERASED,
    ]
    assert len({a.commenter for a in actions}) == 1
    assert actions[2].detail == f"comment #{mine.pk}"
    log = editor_client.get("/admin/comments/commenteraction/")
    assert log.status_code == 200 and b"me@example.net" not in log.content
    other = CommenterAction.record(Action.OPENED, email="other@example.net")
    found = editor_client.get(
        "/admin/comments/commenteraction/", {"q": "Me@Example.net"}
    ).content.decode()
    assert actions[0].commenter in found and other.commenter not in found


def test_writers_cannot_read_the_log(client):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    writer = UserFactory(is_staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    client.force_login(writer)

    assert client.get("/admin/comments/commenteraction/").status_code == 403
