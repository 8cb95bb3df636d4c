"""Editors write, publish, preview and restore articles in the admin."""

import hashlib
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, PreviewLink
from editing.admin import ArticleAdmin
from publishing.models import Status
from tests.admin_forms import change_form_data, save_in_admin
from tests.factories import ArticleFactory, AuthorFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def test_editors_see_articles_with_status_schedule_series_and_topics(editor_client):
    ArticleFactory(
        title="Listed article",
        topics=[TopicFactory(name="Caching")],
        series=SeriesFactory(),
        series_position=1,
    )
    ArticleFactory(topics=[TopicFactory()], series=SeriesFactory(), series_position=1)

    response = editor_client.get(CHANGELIST)

    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert "Listed article" in html and "Caching" in html
    for name in ("state", "topics", "series", "author"):
        assert f"<summary> By {name} </summary>" in html


def test_editors_can_search_articles_by_text(editor_client):
    ArticleFactory(title="Found", body="A sentence about vacuuming.")
    ArticleFactory(title="Missed")

    response = editor_client.get(CHANGELIST, {"q": "vacuuming"})

    assert [a.title for a in response.context["cl"].result_list] == ["Found"]


def test_editors_write_an_article_in_the_admin(editor_client):
    author = AuthorFactory()
    response = editor_client.get(f"{CHANGELIST}add/")
    data = {
        **change_form_data(response),
        "title": "Fresh piece",
        "slug": "fresh-piece",
        "summary": "A summary.",
        "body": "## Heading\n\nBody text.",
        "author": author.pk,
        "status": Status.DRAFT,
    }

    assert editor_client.post(f"{CHANGELIST}add/", data).status_code == 302
    article = Article.objects.get(slug="fresh-piece")
    assert article.body_html.startswith('<h2 id="s-heading">')
    assert Version.objects.get_for_object(article).count() == 1


def test_every_admin_save_keeps_a_revision_and_an_old_one_can_be_restored(
    editor_client,
):
    article = ArticleFactory(title="First title")
    save_in_admin(editor_client, article, summary="A summary worth keeping.")
    save_in_admin(editor_client, article, title="Second title", body="New body")
    first, second = Version.objects.get_for_object(article).order_by("pk")

    compare = editor_client.get(
        f"{CHANGELIST}{article.pk}/history/compare/",
        {"version_id1": first.pk, "version_id2": second.pk},
    )
    assert compare.status_code == 200
    html = compare.content.decode()
    assert "Second title" in html
    # What changed, the words readers read first, then the note it was saved with.
    headings = re.findall(r"<h2>([^<]+)</h2>", html)
    assert headings == ["Title", "Body", "Saved with the note"]

    revision_url = f"{CHANGELIST}{article.pk}/history/{first.pk}/"
    restored = editor_client.post(
        revision_url, change_form_data(editor_client.get(revision_url))
    )

    assert restored.status_code == 302
    article.refresh_from_db()
    assert article.title == "First title"
    assert Version.objects.get_for_object(article).count() == 3


def test_saving_an_unchanged_form_adds_no_revision(editor_client):
    article = ArticleFactory()
    save_in_admin(editor_client, article, title="A title worth a revision")

    save_in_admin(editor_client, article)

    assert Version.objects.get_for_object(article).count() == 1


def test_the_list_tells_scheduled_expired_and_withdrawn_from_live(editor_client):
    now = timezone.now()
    ArticleFactory(title="Live one")
    ArticleFactory(
        title="Later one", published_at=datetime(2099, 3, 1, 8, 0, tzinfo=UTC)
    )
    ArticleFactory(
        title="Old one",
        published_at=now - timedelta(days=9),
        unpublish_at=now - timedelta(days=1),
    )

    response = editor_client.get(CHANGELIST)

    states = {
        article.title: ArticleAdmin.state(None, article)
        for article in response.context["cl"].result_list
    }
    assert states == {
        "Live one": "Live",
        "Later one": "Scheduled for 1 Mar 2099, 08:00 UTC",
        "Old one": "Expired",
    }
    assert "Scheduled for 1 Mar 2099, 08:00 UTC" in response.content.decode()
    scheduled = editor_client.get(CHANGELIST, {"state": "scheduled"})
    assert [a.title for a in scheduled.context["cl"].result_list] == ["Later one"]


def test_bulk_publish_publishes_drafts_now_and_keeps_scheduled_times(editor_client):
    later = timezone.now() + timedelta(days=2)
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    scheduled = ArticleFactory(status=Status.DRAFT, published_at=later)

    editor_client.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": [draft.pk, scheduled.pk]},
    )

    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert draft.is_live
    assert scheduled.status == Status.PUBLISHED and scheduled.published_at == later
    assert Version.objects.get_for_object(draft).count() == 1


def test_bulk_publish_refuses_a_draft_whose_expiry_has_passed(editor_client):
    draft = ArticleFactory(
        status=Status.DRAFT,
        published_at=None,
        unpublish_at=timezone.now() - timedelta(days=1),
    )

    response = editor_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )

    assert response.status_code == 200
    assert "was not published: The expiry time must be after the publish time." in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_bulk_unpublish_takes_articles_off_the_site(editor_client, client):
    article = ArticleFactory()

    editor_client.post(
        CHANGELIST, {"action": "unpublish", "_selected_action": [article.pk]}
    )

    assert client.get(article.get_absolute_url()).status_code == 410
    assert article.get_absolute_url() not in client.get("/articles/").content.decode()


def test_the_change_form_links_to_a_preview(editor_client):
    article = ArticleFactory(status=Status.DRAFT)

    html = editor_client.get(f"{CHANGELIST}{article.pk}/change/").content.decode()

    assert f'href="/preview/{article.pk}/"' in html


def test_staff_preview_shows_a_draft_as_readers_will_see_it_marked_noindex(
    editor_client,
):
    article = ArticleFactory(title="Work in progress", status=Status.DRAFT)

    response = editor_client.get(f"/preview/{article.pk}/")

    assert response.status_code == 200
    assert "<h1>Work in progress</h1>" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]


def test_readers_cannot_use_the_staff_preview(client):
    article = ArticleFactory(status=Status.DRAFT)

    assert client.get(f"/preview/{article.pk}/").status_code == 404


def test_a_shareable_preview_link_works_without_an_account_until_revoked(client):
    article = ArticleFactory(title="For review", status=Status.DRAFT)
    link = PreviewLink.objects.create(article=article)

    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert "For review" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"

    link.revoked = True
    link.save()
    assert client.get(link.get_absolute_url()).status_code == 404


def test_a_preview_link_leads_to_the_article_once_it_is_live(client):
    article = ArticleFactory(title="For review", status=Status.DRAFT)
    link = PreviewLink.objects.create(article=article)
    assert "It is not public yet." in client.get(link.get_absolute_url()).text

    article.status = Status.PUBLISHED
    article.save()
    response = client.get(link.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert "no-cache" in response["Cache-Control"]  # it may be withdrawn again


def test_a_garbled_preview_link_is_not_found(client):
    PreviewLink.objects.create(article=ArticleFactory(status=Status.DRAFT))

    assert client.get("/preview/shared/abc%00def/").status_code == 404


def test_an_expired_preview_link_stops_working(client):
    link = PreviewLink.objects.create(
        article=ArticleFactory(status=Status.DRAFT),
        expires_at=timezone.now() - timedelta(seconds=1),
    )

    assert client.get(link.get_absolute_url()).status_code == 404


def test_preview_tokens_are_long_and_unguessable():
    article = ArticleFactory()
    tokens = {PreviewLink.objects.create(article=article).token for _ in range(5)}

    assert len(tokens) == 5
    assert all(len(token) >= 40 for token in tokens)


def test_a_preview_links_token_is_not_stored(client):
    link = PreviewLink.objects.create(article=ArticleFactory(status=Status.DRAFT))
    stored = PreviewLink.objects.filter(pk=link.pk).values().get()

    assert link.token not in str(stored)
    for value in (stored["key"], stored["token_hash"]):  # a copy of the database
        assert client.get(f"/preview/shared/{value}/").status_code == 404
    assert client.get(link.get_absolute_url()).status_code == 200


def test_a_preview_link_made_before_hashing_works_but_cannot_be_shown(
    client, editor_client
):
    article = ArticleFactory(title="Older review", status=Status.DRAFT)
    old_token = "made-before-0123456789abcdefghijklmnopqrstuvwx"
    PreviewLink.objects.create(
        article=article,
        key="",
        token_hash=hashlib.sha256(old_token.encode()).hexdigest(),
    )

    response = client.get(f"/preview/shared/{old_token}/")
    html = editor_client.get(f"{CHANGELIST}{article.pk}/change/").content.decode()

    assert "Older review" in response.content.decode()
    assert "it works until it expires, but cannot be shown" in html


def test_editors_cannot_manage_user_accounts(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403


def test_add_another_preview_link_then_save_creates_a_link_to_send(editor_client):
    article = ArticleFactory(status=Status.DRAFT)
    url = f"{CHANGELIST}{article.pk}/change/"
    form = editor_client.get(url)
    data = change_form_data(form)
    inline = form.context["inline_admin_formsets"][0].formset
    # What the browser sends for the row "Add another" shows, left as it is:
    # the default expiry, and the same value as the hidden initial one.
    expires = timezone.localtime(inline.empty_form["expires_at"].value())
    row = f"{inline.prefix}-0"
    data[f"{inline.prefix}-TOTAL_FORMS"] = 1
    for name in (f"{row}-expires_at", f"initial-{row}-expires_at"):
        data[f"{name}_0"], data[f"{name}_1"] = expires.date(), expires.time()

    editor_client.post(url, data)

    link = PreviewLink.objects.get(article=article)
    html = editor_client.get(url).content.decode()
    assert f">http://127.0.0.1:8000/preview/shared/{link.token}/</a>" in html
