"""Nothing typed is lost: drafts kept while typing, and saves over a stale form."""

import re

import pytest
from django.test import Client

from articles.models import Article
from editing.models import Draft
from publishing.models import Status
from tests.admin_forms import CHANGELIST, change_form_data, save_in_admin
from tests.factories import ArticleFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db


def draft_url(article):
    return f"/admin/editing/entries/{article.entry_id}/draft/"


def test_a_draft_kept_while_typing_never_touches_the_article(editor_client):
    article = ArticleFactory(title="Live title", body="Live body.")

    answer = editor_client.post(
        draft_url(article),
        {"title": "Typed title", "summary": "", "body": "Typed body.", "version": 1},
    )

    assert answer.status_code == 200
    article.refresh_from_db()
    assert (article.title, article.body) == ("Live title", "Live body.")
    assert Draft.objects.get(entry=article.entry).body == "Typed body."


def test_the_form_offers_the_draft_back_until_the_article_is_saved(editor_client):
    article = ArticleFactory(body="Live body.")
    change = f"{CHANGELIST}{article.pk}/change/"
    editor_client.post(
        draft_url(article),
        {
            "title": article.title,
            "summary": article.summary,
            "body": "Typed <b>.",
            "version": article.version,
        },
    )

    page = editor_client.get(change).content.decode()
    assert "You have a draft saved while typing" in page
    assert '"Typed \\u003Cb\\u003E."' in page  # as JSON data, never as markup

    data = change_form_data(editor_client.get(change))
    editor_client.post(change, {**data, "body": "Typed <b>."})
    assert not Draft.objects.filter(entry=article.entry).exists()
    assert "You have a draft" not in editor_client.get(change).content.decode()


def test_each_editor_has_their_own_draft(editor_client):
    article = ArticleFactory()
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    fields = {"title": "t", "summary": "s", "version": 1}

    editor_client.post(draft_url(article), {**fields, "body": "mine"})
    client.post(draft_url(article), {**fields, "body": "theirs"})

    assert sorted(Draft.objects.values_list("body", flat=True)) == ["mine", "theirs"]


def test_a_draft_needs_its_version_and_a_known_article(editor_client):
    article = ArticleFactory()

    assert editor_client.post(draft_url(article), {"body": "x"}).status_code == 400
    missing = editor_client.post(
        "/admin/editing/entries/999999/draft/", {"body": "x", "version": 1}
    )
    assert missing.status_code == 404


def test_a_save_based_on_a_stale_version_is_refused_and_the_text_kept(
    editor_client,
):
    client = Client()
    article = ArticleFactory(title="Original")
    change = f"{CHANGELIST}{article.pk}/change/"
    mine = change_form_data(editor_client.get(change))
    colleague = UserFactory(is_staff=True, is_superuser=True, first_name="Ana")
    client.force_login(colleague)
    theirs = change_form_data(client.get(change))
    assert client.post(change, {**theirs, "title": "Ana's title"}).status_code == 302

    refused = editor_client.post(change, {**mine, "body": "My careful paragraph."})

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Ana (at " in page and "saved this article after you opened it" in page
    assert "My careful paragraph." in page
    article.refresh_from_db()
    assert article.title == "Ana's title" and article.body != "My careful paragraph."

    # The form now carries the version saved; saving again replaces hers.
    version = refused.context["adminform"].form["version"].value()
    again = {**mine, "body": "My careful paragraph.", "version": version}
    saved = editor_client.post(change, again)
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.body == "My careful paragraph."


def test_every_save_moves_the_version_on(editor_client):
    article = ArticleFactory()
    change = f"{CHANGELIST}{article.pk}/change/"
    first = article.version

    editor_client.post(
        change, {**change_form_data(editor_client.get(change)), "title": "New one"}
    )

    assert Article.objects.get(pk=article.pk).version == first + 1


def test_a_publish_from_the_list_also_makes_the_open_form_stale(editor_client):
    article = ArticleFactory(status=Status.DRAFT, title="A draft to publish soon")
    change = f"{CHANGELIST}{article.pk}/change/"
    mine = change_form_data(editor_client.get(change))
    boss = Client()
    boss.force_login(UserFactory(is_staff=True, is_superuser=True, first_name="Bo"))
    boss.post(CHANGELIST, {"action": "publish", "_selected_action": article.pk})

    refused = editor_client.post(change, {**mine, "body": "Mine."})

    assert "Bo (at " in refused.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_a_save_over_ones_own_from_another_tab_says_so(editor_client):
    article = ArticleFactory()
    change = f"{CHANGELIST}{article.pk}/change/"
    first_tab = change_form_data(editor_client.get(change))
    save_in_admin(editor_client, article, title="Saved in the other tab")

    refused = editor_client.post(change, {**first_tab, "body": "From the first."})

    page = refused.content.decode()
    assert "You saved this article in another tab or window (at " in page
    assert "after this form was opened" in page


def test_the_refusal_links_to_what_changed_since_the_form_was_loaded(editor_client):
    article = ArticleFactory(title="Before")
    change = f"{CHANGELIST}{article.pk}/change/"
    save_in_admin(editor_client, article, summary="My first saved summary.")
    mine = change_form_data(editor_client.get(change))
    colleague = Client()
    colleague.force_login(UserFactory(is_staff=True, is_superuser=True))
    save_in_admin(colleague, article, title="After")

    refused = editor_client.post(change, {**mine, "body": "Mine."})

    [link] = re.findall(r'<a href="([^"]+)" target="_blank">see what changed', (
        refused.content.decode()
    ))  # fmt: skip
    compare = editor_client.get(link.replace("&amp;", "&"))
    assert compare.status_code == 200
    headings = re.findall(r"<h2>(\w+)</h2>", compare.content.decode())
    assert headings == ["Title"]  # hers, not my earlier summary


def test_a_page_keeps_drafts_and_refuses_a_stale_save(editor_client):
    page = PageFactory(title="About", body="Stored.")
    change = f"/admin/pages/page/{page.pk}/change/"
    mine = change_form_data(editor_client.get(change))
    editor_client.post(
        f"/admin/editing/entries/{page.entry_id}/draft/",
        {"title": "About", "summary": page.summary, "body": "Typed.", "version": 1},
    )
    assert "You have a draft saved while typing" in (
        editor_client.get(change).content.decode()
    )
    colleague = Client()
    colleague.force_login(
        UserFactory(is_staff=True, is_superuser=True, first_name="Al")
    )
    assert colleague.post(change, {**mine, "title": "About us"}).status_code == 302

    refused = editor_client.post(change, {**mine, "body": "Mine."})

    assert "Al (at " in refused.content.decode()
    assert "saved this page after you opened it" in refused.content.decode()
    page.refresh_from_db()
    assert (page.title, page.body) == ("About us", "Stored.")


def test_the_form_says_how_often_it_was_saved_and_links_to_the_changes(
    editor_client,
):
    article = ArticleFactory()
    save_in_admin(editor_client, article, title="First title of two")
    save_in_admin(editor_client, article, title="Second title of two")

    html = editor_client.get(f"{CHANGELIST}{article.pk}/change/").content.decode()

    assert "Saved 2 times, last by " in html
    assert "Compare with the version before</a>" in html
    assert "Compare any two versions</a>" in html
