"""Exports in either namespace import whole; a file WordPress did not write is
refused, never imported as one article (issue item 1)."""

from io import StringIO

import pytest
from django.contrib.redirects.models import Redirect
from django.core.management import CommandError

from articles.models import Article, Author, Topic
from comments.models import Comment
from pages.models import Page
from tests.wordpress.conftest import FIXTURES
from wordpress.models import ImportRun

pytestmark = pytest.mark.django_db
THEME_TEST = FIXTURES / "theme-unit-test-data.xml"


def counts():
    return {
        "articles": Article.objects.count(),
        "pages": Page.objects.count(),
        "comments": Comment.objects.count(),
        "page comments": Comment.objects.filter(
            entry__in=Page.objects.values("entry")
        ).count(),
        "authors": sorted(Author.objects.values_list("name", flat=True)),
    }


def test_a_wordpress_com_export_in_the_https_namespace_imports_whole(
    import_wordpress,
):
    pages_before = Page.objects.count()

    out = import_wordpress(THEME_TEST)

    assert counts() == {
        "articles": 58,
        "pages": pages_before + 21,
        "comments": 29,  # 33 less two pingbacks and two trackbacks
        "page comments": 5,
        # One post names its author ">themereviewteam": a typo, not another.
        "authors": ["Theme Buster", "Theme Reviewer"],
    }
    assert Article.objects.filter(slug="3").exists() is False
    assert out.startswith(
        "Imported from https://wpthemetestdata.wordpress.com. "
        "Files: theme-unit-test-data.xml."
    )


@pytest.fixture
def foreign(tmp_path):
    """The Theme Unit Test data with its wp: namespace replaced by another."""
    path = tmp_path / "foreign.xml"
    text = THEME_TEST.read_text(encoding="utf-8")
    path.write_text(
        text.replace("https://wordpress.org/export/1.2/", "https://example.org/wp/")
    )
    return path


def test_a_file_whose_items_have_no_wordpress_post_id_is_refused(
    import_wordpress, foreign
):
    before = (Topic.objects.count(), Redirect.objects.count(), Page.objects.count())

    with pytest.raises(CommandError, match="Some of the export was not imported"):
        import_wordpress(foreign)

    assert not Article.objects.exists()
    assert not Author.objects.exists()
    assert (Topic.objects.count(), Redirect.objects.count(), Page.objects.count()) == (
        before
    )


def test_the_refusal_says_why_in_a_dry_run_too(foreign, after_export, db):
    from django.core.management import call_command

    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_wordpress", str(foreign), "--dry-run", "--no-media",
            stdout=out, stderr=StringIO(),
        )  # fmt: skip

    assert out.getvalue().startswith("Dry run: nothing was written.")
    assert "Nothing was imported from it." in out.getvalue()
    assert "Articles:" not in out.getvalue()
    assert not Article.objects.exists()


def test_the_refusal_names_the_namespace(capsys, foreign, after_export, db):
    from django.core.management import call_command

    with pytest.raises(CommandError):
        call_command("import_wordpress", str(foreign), "--no-media")

    out = capsys.readouterr().out
    assert (
        "foreign.xml: none of its 186 items has a WordPress post id and type (the "
        "wp: namespace it declares: https://example.org/wp/), so it is not an "
        "export WordPress wrote. Nothing was imported from it." in out
    )
    assert ImportRun.objects.get().status == "failed"


def test_an_element_rebound_to_another_namespace_is_not_wordpresss(
    import_wordpress,
):
    import_wordpress(FIXTURES / "namespace-edge-cases.xml")

    logins = set(Author.objects.values_list("name", flat=True))
    assert "real_user" in logins
    assert "fake_ns_user" not in logins
    assert "custom_user" not in logins
    assert {"Mixed Namespaces", "No Prefix", "Empty Namespace"} <= set(
        Article.objects.values_list("title", flat=True)
    )


@pytest.mark.parametrize(
    ("name", "articles", "pages"),
    [("valid-wxr-1.0.xml", 3, 3), ("valid-wxr-1.1.xml", 1, 1),
     ("small-export.xml", 6, 5)],
)  # fmt: skip
def test_wordpress_3_exports_in_wxr_1_0_and_1_1_import(
    import_wordpress, name, articles, pages
):
    pages_before = Page.objects.count()

    import_wordpress(FIXTURES / name)

    assert Article.objects.count() == articles
    assert Page.objects.count() == pages_before + pages


def test_an_upload_in_the_admin_is_refused_the_same_way(
    client, foreign, settings, tmp_path, run_worker, after_export,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UserFactory

    settings.WORDPRESS_UPLOAD_DIR = tmp_path / "waiting"
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    upload = SimpleUploadedFile("foreign.xml", foreign.read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/wordpress/importrun/add/",
            {"export": upload, "dry_run": "on", "fetch_media": ""},
        )

    run_worker()

    run = ImportRun.objects.get()
    assert run.status == "failed"
    assert "none of its 186 items has a WordPress post id and type" in run.report
    page = client.get(f"/admin/wordpress/importrun/{run.pk}/change/").text
    assert "none of its 186 items has a WordPress post id and type" in page
    assert not Article.objects.exists()


def test_a_damaged_copy_of_an_item_is_left_out_and_named(import_wordpress):
    from django.core.management import call_command

    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_wordpress", str(FIXTURES / "a11y-unit-test-data.xml"),
            "--no-media", stdout=out, stderr=StringIO(),
        )  # fmt: skip

    assert Page.objects.filter(title="Page with comments disabled").exists()
    assert not Article.objects.filter(title="Page with comments").exists()
    assert (
        "item 156 “Page with comments”: the export gives it no post type, and its "
        "id is that of the page “Page with comments disabled”. Left out, with its "
        "3 comments." in out.getvalue()
    )
