"""Running the import again: nothing twice, changes taken, interruptions resumed."""

import pytest
from django.contrib.redirects.models import Redirect
from django.core.management import CommandError

from articles.models import Article, Author, Topic
from comments.models import Comment
from pages.models import Page
from tests.wordpress.conftest import FIXTURE
from wordpress.models import ImportedItem

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Page, Topic, Author, Comment, Redirect)
    }


def test_a_dry_run_writes_nothing_and_reports_what_it_would_do(import_wordpress):
    before = counts()

    out = import_wordpress(FIXTURE, "--dry-run")

    assert counts() == before
    assert not ImportedItem.objects.exists()
    assert out.startswith("Dry run: nothing was written.")
    assert "Articles: 7 created (2 draft, 4 live, 1 scheduled)." in out


def test_a_second_run_changes_nothing(import_wordpress):
    import_wordpress()
    before = counts()
    stamps = list(Article.objects.values_list("updated_at", flat=True))

    out = import_wordpress()

    assert counts() == before
    assert list(Article.objects.values_list("updated_at", flat=True)) == stamps
    assert "Articles: 7 unchanged" in out
    assert "Comments: 14 unchanged" in out
    assert "created" not in out


def test_a_change_on_the_old_site_updates_what_was_not_edited_here(
    import_wordpress, fixture_text, tmp_path
):
    import_wordpress()
    edited = Article.objects.get(slug="hello-world")
    edited.summary = "Our own summary."
    edited.save()
    changed = tmp_path / "changed.xml"
    changed.write_text(
        fixture_text.replace("Storing passwords safely", "Storing passwords well")
        .replace("Welcome to WordPress.", "Welcome back.")
        .replace("Argon2id is the default", "Argon2id is my default"),
        encoding="utf-8",
    )

    out = import_wordpress(changed)

    assert Article.objects.get(slug="storing-passwords").title == (
        "Storing passwords well"
    )
    assert Article.objects.get(slug="hello-world").summary == "Our own summary."
    assert Comment.objects.get(name="Sam Taylor").body.startswith("Argon2id is my")
    assert "Articles: 1 kept as edited here, 5 unchanged, 1 updated" in out


def test_an_interrupted_import_resumes_where_it_stopped(
    import_wordpress, fixture_text, tmp_path
):
    cut = tmp_path / "cut.xml"
    cut.write_text(fixture_text[: fixture_text.index("<title><![CDATA[Index diagram")])
    with pytest.raises(CommandError, match="Some of the export was not imported"):
        import_wordpress(cut)
    assert Article.objects.count() == 3

    out = import_wordpress()

    assert Article.objects.count() == 7
    assert Comment.objects.count() == 14
    assert "Articles: 4 created, 3 unchanged" in out


def test_pages_cached_before_the_import_show_it_after(
    client, settings, import_wordpress
):
    settings.PAGE_CACHE = True
    assert "Hello world!" not in client.get("/").text
    assert client.get("/")["X-Page-Cache"] == "hit"

    import_wordpress()

    assert "Hello world!" in client.get("/").text
