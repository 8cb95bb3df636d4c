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


@pytest.fixture
def staff_without_moderation(client):
    """Staff who may read and edit comments, but not moderate or see emails."""
    member = UserFactory(is_staff=True)
    member.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_comment", "change_comment"])
    )
    client.force_login(member)
    return client


@pytest.mark.parametrize(
    "query",
    [
        {"email": "hidden@example.net"},
        {"email__startswith": "hidden"},
        {"email__iexact": "HIDDEN@example.net"},
        {"ip_address": "203.0.113.9"},
        {"user_agent__contains": "Mozilla"},
    ],
)
def test_private_fields_cannot_be_probed_through_changelist_filters(
    staff_without_moderation, query
):
    CommentFactory(email="hidden@example.net", user_agent="Mozilla/5.0")
    CommentFactory(email="other@example.net", ip_address="198.51.100.1")

    response = staff_without_moderation.get(CHANGELIST, query)

    assert response.status_code == 400


def test_moderators_may_filter_on_email(editor_client):
    CommentFactory(email="hidden@example.net")
    CommentFactory(email="other@example.net")

    response = editor_client.get(CHANGELIST, {"email__startswith": "hidden"})

    assert len(response.context["cl"].result_list) == 1


def test_staff_without_moderation_cannot_approve_or_reply_from_the_change_form(
    staff_without_moderation, client
):
    comment = CommentFactory(status=Status.PENDING)
    url = f"{CHANGELIST}{comment.pk}/change/"

    form = staff_without_moderation.get(url).content.decode()
    response = staff_without_moderation.post(
        url,
        {
            "name": comment.name,
            "website": "",
            "body": comment.body,
            "status": Status.APPROVED,
            "is_staff_reply": "on",
            "site_reply": "Published without permission.",
        },
    )

    assert 'name="status"' not in form and 'name="site_reply"' not in form
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Status.PENDING and not comment.is_staff_reply
    assert not Comment.objects.filter(parent=comment).exists()


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
    html = client.get(comment.target.get_absolute_url()).content.decode()
    assert "Thanks, fixed in the article." in html
    assert '<span class="badge">Backend Intro team</span>' in html


def test_a_site_reply_never_shows_the_editors_login_name(editor_client, editor, client):
    editor.username, editor.first_name, editor.last_name = "ana.login", "", ""
    editor.save()
    comment = CommentFactory()
    url = f"{CHANGELIST}{comment.pk}/change/"

    editor_client.post(
        url,
        {
            "name": comment.name,
            "email": comment.email,
            "website": "",
            "body": comment.body,
            "status": comment.status,
            "site_reply": "Noted.",
        },
    )

    reply = Comment.objects.get(parent=comment)
    assert reply.name == "Backend Intro"
    assert (
        "ana.login"
        not in client.get(comment.target.get_absolute_url()).content.decode()
    )


def test_the_moderation_queue_shows_each_comments_text(editor_client):
    CommentFactory(status=Status.PENDING, body="Is the second diagram upside down?")

    html = editor_client.get(CHANGELIST, {"status__exact": "pending"}).content.decode()

    assert "Is the second diagram upside down?" in html


def test_erasing_commenters_data_asks_for_confirmation_first(editor_client):
    mine = CommentFactory(email="me@example.net", name="Ada")

    asked = editor_client.post(
        CHANGELIST, {"action": "erase_commenter_data", "_selected_action": [mine.pk]}
    )

    assert asked.status_code == 200
    html = asked.content.decode()
    assert "Erase all data of 1 commenter?" in html
    assert "Ada &lt;me@example.net&gt;: 1 comment" in html
    assert Comment.objects.filter(pk=mine.pk).exists()


def test_admin_actions_export_and_erase_a_commenters_data(editor_client):
    mine = CommentFactory(email="me@example.net", body="Mine.")
    CommentFactory(email="ME@example.net", body="Also mine.", article=mine.target)
    other = CommentFactory(email="other@example.net")

    exported = editor_client.post(
        CHANGELIST, {"action": "export_commenter_data", "_selected_action": [mine.pk]}
    )
    payload = json.loads(exported.content)
    assert [c["body"] for c in payload[0]["comments"]] == ["Mine.", "Also mine."]
    assert exported["Content-Disposition"].startswith("attachment")

    editor_client.post(
        CHANGELIST,
        {
            "action": "erase_commenter_data",
            "_selected_action": [mine.pk],
            "confirmed": "yes",
        },
    )
    assert list(Comment.objects.all()) == [other]


def test_writers_work_on_articles_and_never_reach_commenters(client):
    from django.contrib.auth.models import Group

    writer = UserFactory(is_staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    client.force_login(writer)
    CommentFactory(email="hidden@example.net")

    assert client.get("/admin/articles/article/").status_code == 200
    assert client.get("/admin/articles/article/add/").status_code == 200
    assert client.get(CHANGELIST).status_code == 403
    assert "hidden@example.net" not in client.get("/admin/").content.decode()


def test_replying_as_the_site_to_a_held_comment_publishes_both(editor_client, client):
    held = CommentFactory(status=Status.PENDING, body="A fair question?")
    url = f"{CHANGELIST}{held.pk}/change/"

    editor_client.post(
        url,
        {
            "name": held.name,
            "email": held.email,
            "website": "",
            "body": held.body,
            "status": Status.PENDING,
            "site_reply": "A fair answer.",
        },
    )

    held.refresh_from_db()
    assert held.status == Status.APPROVED and held.reviewed_at
    html = client.get(held.target.get_absolute_url()).content.decode()
    assert "A fair question?" in html and "A fair answer." in html
    assert "This comment was removed." not in html


@pytest.mark.parametrize("status", [Status.SPAM, Status.REMOVED])
def test_replying_as_the_site_under_spam_or_a_removed_comment_is_refused(
    editor_client, status
):
    comment = CommentFactory(status=Status.PENDING)

    response = editor_client.post(
        f"{CHANGELIST}{comment.pk}/change/",
        {
            "name": comment.name,
            "email": comment.email,
            "website": "",
            "body": comment.body,
            "status": status,
            "site_reply": "Nobody will see the comment this answers.",
        },
    )

    assert response.status_code == 200
    assert "cannot be spam or removed" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert not Comment.objects.filter(parent=comment).exists()
