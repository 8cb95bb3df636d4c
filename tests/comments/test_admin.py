"""Editors moderate in the admin; only moderators see commenters' emails."""

import json

import pytest
from django.contrib.auth.models import Permission

from comments.models import Comment, Status
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"


def test_the_admin_index_shows_how_many_comments_await_moderation(editor_client):
    CommentFactory.create_batch(3, status=Status.PENDING)
    CommentFactory()

    html = editor_client.get("/admin/").content.decode()

    assert "3 comments awaiting moderation" in html


def test_the_queue_lists_status_reason_article_and_email(editor_client):
    CommentFactory(
        status=Status.PENDING,
        moderation_reason="held: 3 links",
        email="queued@example.net",
    )

    html = editor_client.get(CHANGELIST, {"status__exact": "pending"}).content.decode()

    assert "held: 3 links" in html and "queued@example.net" in html


def test_moderators_search_by_email(editor_client):
    CommentFactory(email="findme@example.net")
    CommentFactory()

    response = editor_client.get(CHANGELIST, {"q": "findme@"})

    assert len(response.context["cl"].result_list) == 1


def test_bulk_approve_publishes_and_records_the_reviewer(editor_client, editor, client):
    pending = CommentFactory.create_batch(2, status=Status.PENDING)

    editor_client.post(
        CHANGELIST, {"action": "approve", "_selected_action": [c.pk for c in pending]}
    )

    for comment in pending:
        comment.refresh_from_db()
        assert comment.status == Status.APPROVED
        assert comment.reviewed_by == editor and comment.reviewed_at


@pytest.mark.parametrize(
    ("action", "status"), [("mark_spam", Status.SPAM), ("remove", Status.REMOVED)]
)
def test_bulk_spam_and_remove(editor_client, action, status):
    comment = CommentFactory()

    editor_client.post(CHANGELIST, {"action": action, "_selected_action": [comment.pk]})

    comment.refresh_from_db()
    assert comment.status == status


def test_staff_without_the_moderation_permission_see_no_email_and_no_actions(client):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)
    CommentFactory(email="hidden@example.net")

    html = client.get(CHANGELIST).content.decode()

    assert "hidden@example.net" not in html
    assert 'value="approve"' not in html


def test_a_moderator_replies_as_the_site_from_the_admin(editor_client, client):
    comment = CommentFactory()
    url = f"{CHANGELIST}{comment.pk}/change/"
    data = {
        "name": comment.name,
        "email": comment.email,
        "website": "",
        "body": comment.body,
        "status": comment.status,
        "site_reply": "Thanks, fixed in the article.",
    }

    assert editor_client.post(url, data).status_code == 302

    reply = Comment.objects.get(parent=comment)
    assert reply.is_staff_reply and reply.status == Status.APPROVED
    html = client.get(comment.article.get_absolute_url()).content.decode()
    assert "Thanks, fixed in the article." in html
    assert "team</span>" in html


def test_admin_actions_export_and_erase_a_commenters_data(editor_client):
    mine = CommentFactory(email="me@example.net", body="Mine.")
    CommentFactory(email="ME@example.net", body="Also mine.", article=mine.article)
    other = CommentFactory(email="other@example.net")

    exported = editor_client.post(
        CHANGELIST, {"action": "export_commenter_data", "_selected_action": [mine.pk]}
    )
    payload = json.loads(exported.content)
    assert [c["body"] for c in payload[0]["comments"]] == ["Mine.", "Also mine."]
    assert exported["Content-Disposition"].startswith("attachment")

    editor_client.post(
        CHANGELIST, {"action": "erase_commenter_data", "_selected_action": [mine.pk]}
    )
    assert list(Comment.objects.all()) == [other]
