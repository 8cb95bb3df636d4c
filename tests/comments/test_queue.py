"""The moderation queue: one click per comment, through the list's own
actions, in a list that fits beside its filters."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission

from comments.models import Comment, Status
from tests.factories import CommentFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/?status__exact=pending"


class Forms(HTMLParser):
    """Each <form> of a page by id, with its hidden fields; each button with
    the form it belongs to."""

    def __init__(self):
        super().__init__()
        self.forms, self.buttons, self._form = {}, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = attrs.get("id")
            self.forms[self._form] = {"action": attrs.get("action"), "fields": {}}
        elif tag == "input" and self._form and attrs.get("type") == "hidden":
            self.forms[self._form]["fields"][attrs["name"]] = attrs.get("value")
        elif tag == "button" and attrs.get("form"):
            self.buttons.append(attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def read(html):
    page = Forms()
    page.feed(html)
    return page


def click(client, page, button):
    """Send what the browser sends for a button: its form's fields and its value."""
    form = page.forms[button["form"]]
    return client.post(
        QUEUE, {**form["fields"], button["name"]: button["value"]}, follow=True
    )


def test_each_waiting_comment_has_one_click_approve_spam_remove_and_reply(
    editor_client,
):
    comment = CommentFactory(status=Status.PENDING, name="Ada")

    html = editor_client.get(QUEUE).content.decode()

    labels = [button["aria-label"] for button in read(html).buttons]
    assert labels == [
        "Approve the comment by Ada",
        "Spam the comment by Ada",
        "Remove the comment by Ada",
    ]
    assert f'href="/admin/comments/comment/{comment.pk}/change/#id_site_reply"' in html


def test_a_one_click_approve_is_the_lists_own_approve_action(editor_client, editor):
    waiting, other = CommentFactory.create_batch(2, status=Status.PENDING)
    page = read(editor_client.get(QUEUE).content.decode())
    [approve] = [
        b for b in page.buttons if b["form"] == f"moderate-{waiting.pk}"
        and b["value"] == "approve"
    ]  # fmt: skip

    answer = click(editor_client, page, approve)

    assert "Approved 1 comment(s)." in answer.content.decode()  # the bulk action's
    waiting.refresh_from_db()
    assert (waiting.status, waiting.reviewed_by) == (Status.APPROVED, editor)
    assert Comment.objects.get(pk=other.pk).status == Status.PENDING


@pytest.mark.parametrize(
    ("action", "status"), [("mark_spam", Status.SPAM), ("remove", Status.REMOVED)]
)
def test_one_click_spam_and_remove_touch_that_comment_only(
    editor_client, action, status
):
    comment, other = CommentFactory.create_batch(2, status=Status.PENDING)
    page = read(editor_client.get(QUEUE).content.decode())
    [button] = [
        b for b in page.buttons if b["form"] == f"moderate-{comment.pk}"
        and b["value"] == action
    ]  # fmt: skip

    click(editor_client, page, button)

    assert Comment.objects.get(pk=comment.pk).status == status
    assert Comment.objects.get(pk=other.pk).status == Status.PENDING


def test_an_approved_comment_offers_no_approve(editor_client):
    CommentFactory(status=Status.APPROVED, name="Bo")

    page = read(editor_client.get("/admin/comments/comment/").content.decode())

    assert [b["value"] for b in page.buttons] == ["mark_spam", "remove"]


def test_staff_who_may_not_moderate_get_no_buttons(client):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)
    CommentFactory(status=Status.PENDING)

    html = client.get("/admin/comments/comment/").content.decode()

    assert read(html).buttons == [] and "#id_site_reply" not in html


def test_the_kind_of_content_filter_offers_only_kinds_with_comments(editor_client):
    CommentFactory()
    CommentFactory(page=PageFactory(comments_open=True))

    html = editor_client.get("/admin/comments/comment/").content.decode()

    assert "entry__content_type__id__exact" in html
    assert "static device" not in html and "access attempt" not in html
