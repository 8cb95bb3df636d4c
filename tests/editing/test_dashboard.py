"""The admin's index is an editor's home."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from comments.models import Comment
from comments.models import Status as CommentStatus
from editing.models import AuditResult, LinkCheck
from publishing.models import Status
from tests.admin_forms import CHANGELIST, change_form_data
from tests.factories import ArticleFactory, CommentFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db


def section(html, heading):
    """The text of the dashboard section under a heading."""
    start = html.index(f">{heading}</h2>")
    return html[start : html.index("</section>", start)]


def test_the_admin_carries_the_sites_name_and_keeps_its_user_links(
    editor_client, settings
):
    html = editor_client.get("/admin/").content.decode()

    assert f'<a href="/admin/">{settings.SITE_NAME}</a>' in html
    assert "Django administration" not in html
    assert "Two-factor sign-in" in html


def test_the_dashboard_starts_a_new_article_or_page(editor_client):
    html = editor_client.get("/admin/").content.decode()

    write = '<a class="button default" href="/admin/articles/article/add/">'
    assert f"{write}Write a new article</a>" in html
    assert '<a class="button" href="/admin/pages/page/add/">Add a page</a>' in html


def test_the_owner_sees_every_app_named_in_plain_words(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    html = client.get("/admin/").content.decode()

    for label in (">Axes<", ">Otp_Static<", ">Otp_Totp<", "Tasks Database Backend"):
        assert label not in html
    for name in (">Sign-in lockouts<", ">Two-factor authenticator apps<"):
        assert name in html
    assert html.index(">Pages<") < html.index(">Sign-in lockouts<")


def test_my_drafts_are_those_i_worked_on(editor_client):
    mine = ArticleFactory(title="My own draft", status=Status.DRAFT)
    ArticleFactory(title="Someone else's draft", status=Status.DRAFT)
    change = f"{CHANGELIST}{mine.pk}/change/"
    editor_client.post(change, change_form_data(editor_client.get(change)))

    drafts = section(editor_client.get("/admin/").content.decode(), "My drafts")

    assert "My own draft" in drafts and "Someone else" not in drafts


def test_my_drafts_include_pages_with_a_draft_kept_while_typing(editor_client):
    page = PageFactory(title="Colophon to come", status=Status.DRAFT)
    editor_client.post(
        f"/admin/editing/entries/{page.entry_id}/draft/",
        {"title": page.title, "summary": "", "body": "Typed.", "version": 1},
    )

    drafts = section(editor_client.get("/admin/").content.decode(), "My drafts")

    assert f'href="/admin/pages/page/{page.pk}/change/">Colophon to come</a>' in drafts
    assert "page, saved" in drafts


def test_the_schedule_shows_the_next_seven_days_with_the_time_zone(
    editor_client, settings
):
    settings.TIME_ZONE = "Europe/Lisbon"
    soon = timezone.now() + timedelta(days=2)
    ArticleFactory(title="Out on Wednesday", published_at=soon)
    ArticleFactory(title="Out next month", published_at=soon + timedelta(days=30))

    scheduled = section(
        editor_client.get("/admin/").content.decode(), "Scheduled in the next 7 days"
    )

    assert "Out on Wednesday" in scheduled and "Out next month" not in scheduled
    assert "Times are in Europe/Lisbon." in scheduled
    assert timezone.localtime(soon).strftime("%H:%M") in scheduled


def test_recently_published_comes_newest_first(editor_client):
    ArticleFactory(title="Older piece", published_at=timezone.now() - timedelta(9))
    ArticleFactory(title="Newer piece")

    recent = section(
        editor_client.get("/admin/").content.decode(), "Recently published"
    )

    assert recent.index("Newer piece") < recent.index("Older piece")


def test_moderators_approve_a_waiting_comment_in_one_click(editor_client):
    comment = CommentFactory(status=CommentStatus.PENDING, body="Waiting here.")
    html = editor_client.get("/admin/").content.decode()
    queue = section(html, "Comments awaiting moderation")
    assert "Waiting here." in queue and "@" not in queue  # no email shown
    assert "1 comment awaiting moderation" in html

    approved = editor_client.post(
        "/admin/comments/comment/?status__exact=pending",
        {"action": "approve", "_selected_action": comment.pk},
    )

    assert approved.status_code == 302
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.APPROVED


def test_writers_see_no_comment_queue():
    writer = UserFactory(is_staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    CommentFactory(status=CommentStatus.PENDING, body="Waiting here.")
    browser = Client()
    browser.force_login(writer)

    html = browser.get("/admin/").content.decode()

    assert "My drafts" in html
    assert "Comments awaiting moderation" not in html and "Waiting here." not in html


def test_articles_failing_checks_and_broken_links_are_listed(editor_client):
    article = ArticleFactory(title="Needs work")
    AuditResult.objects.create(entry=article.entry, failures=["Only 8 words; aim."])
    LinkCheck.objects.create(
        entry=article.entry, url="/gone/", internal=True, ok=False, problem="No page."
    )

    html = editor_client.get("/admin/").content.decode()

    assert "Needs work</a>: Only 8 words; aim." in section(html, "Failing checks")
    assert "<code>/gone/</code>: No page." in section(html, "Broken internal links")


def test_the_dashboard_costs_a_fixed_number_of_queries(
    editor_client, django_assert_max_num_queries
):
    for _ in range(5):
        ArticleFactory(status=Status.DRAFT)
    with django_assert_max_num_queries(30):
        editor_client.get("/admin/")
