"""A run can be undone, and a corrected run replaces what a wrong one stored
(issue item 3)."""

import re
from io import StringIO

import pytest
from django.contrib.redirects.models import Redirect
from django.core.management import CommandError, call_command

from articles.models import Article, Author, Topic
from comments.models import Comment
from pages.models import Page
from tests.factories import CommentFactory, UserFactory
from tests.wordpress.conftest import FIXTURES
from wordpress.models import ImportRun, RunStatus

pytestmark = pytest.mark.django_db
EXPORT = FIXTURES / "wordpress-com-2025.xml"
PERMALINKS = {
    "/2025/01/18/hauling-out-for-winter/": "Hauling out for winter",
    "/2025/01/18/varnish-eight-coats/": "Varnish, eight coats",
    "/2025/01/18/listening-to-the-yard/": "Listening to the yard",
    "/2025/01/18/rope-knots-a-first-list/": "Rope knots, a first list",
    "/?p=12": "Hauling out for winter",
    "/?page_id=40": "Moorings",
}


def leads_to(client, old):
    """The title of the page an old address leads to, in one 301."""
    response = client.get(old)
    if response.status_code != 301:
        return response.status_code
    final = client.get(response["Location"])
    found = re.search(r"<h1[^>]*>(.*?)</h1>", final.text, re.S)
    return found[1].strip() if final.status_code == 200 else final.status_code


def undo(run):
    out = StringIO()
    call_command("import_wordpress", "--undo", str(run.pk), stdout=out)
    return out.getvalue()


@pytest.fixture
def junk(tmp_path):
    """The export as a broken reader saw it: every item the same post."""
    text = EXPORT.read_text(encoding="utf-8")
    path = tmp_path / "junk.xml"
    path.write_text(
        re.sub(r"<wp:post_id>\d+</wp:post_id>", "<wp:post_id>3</wp:post_id>", text)
    )
    return path


def test_a_corrected_run_replaces_the_redirects_a_wrong_one_stored(
    client, import_wordpress, junk
):
    import_wordpress(junk)
    assert {leads_to(client, old) for old in PERMALINKS} != set(PERMALINKS.values())

    import_wordpress(EXPORT)

    assert {old: leads_to(client, old) for old in PERMALINKS} == PERMALINKS


def test_undoing_a_run_removes_what_it_made_and_puts_back_what_it_changed(
    client, import_wordpress
):
    before = {
        "articles": Article.objects.count(), "authors": Author.objects.count(),
        "topics": Topic.objects.count(), "comments": Comment.objects.count(),
        "redirects": Redirect.objects.count(),
        "pages": sorted(Page.objects.values_list("path", "status")),
    }  # fmt: skip
    import_wordpress(EXPORT)
    run = ImportRun.objects.get()

    out = undo(run)

    assert {
        "articles": Article.objects.count(), "authors": Author.objects.count(),
        "topics": Topic.objects.count(), "comments": Comment.objects.count(),
        "redirects": Redirect.objects.count(),
        "pages": sorted(Page.objects.values_list("path", "status")),
    } == before  # fmt: skip
    assert "About this site" in client.get("/about/").text  # the site's own, back
    assert client.get("/articles/hauling-out-for-winter/").status_code == 404  # not 410
    assert out.startswith(f"Import {run.pk} undone:")
    assert ImportRun.objects.get().status == RunStatus.UNDONE


def test_undo_keeps_what_was_edited_or_commented_here_since_and_lists_it(
    import_wordpress,
):
    import_wordpress(EXPORT)
    edited = Article.objects.get(slug="varnish-eight-coats")
    edited.body += "\nA ninth coat, after all.\n"
    edited.save()
    commented = Article.objects.get(slug="listening-to-the-yard")
    CommentFactory(article=commented, name="A reader here")

    out = undo(ImportRun.objects.get())

    assert set(Article.objects.values_list("slug", flat=True)) == {
        "varnish-eight-coats", "listening-to-the-yard",
    }  # fmt: skip
    assert "article “Varnish, eight coats”: changed here since the import" in out
    assert "article “Listening to the yard”: readers commented on it here since" in out
    assert Author.objects.count() == 1  # still writing those two


def test_a_re_run_after_undo_imports_again(import_wordpress):
    import_wordpress(EXPORT)
    undo(ImportRun.objects.get())

    out = import_wordpress(EXPORT)

    assert "Articles: 7 created" in out
    assert Page.objects.get(path="about").title == "About"


def test_what_cannot_be_undone_is_said_plainly(import_wordpress):
    import_wordpress(EXPORT, "--dry-run")
    with pytest.raises(CommandError, match="There is no import 1"):
        call_command("import_wordpress", "--undo", "1")
    import_wordpress(EXPORT)
    run = ImportRun.objects.get()
    undo(run)

    with pytest.raises(CommandError, match=f"Import {run.pk} is undone already"):
        undo(run)


def test_the_admin_undoes_an_import_through_the_task_worker(
    client, import_wordpress, run_worker, django_capture_on_commit_callbacks
):
    import_wordpress(EXPORT)
    run = ImportRun.objects.get()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(f"/admin/wordpress/importrun/{run.pk}/change/").text
    assert "Undo this import" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/wordpress/importrun/{run.pk}/undo/")
    run_worker()

    assert ImportRun.objects.get().status == RunStatus.UNDONE
    assert not Article.objects.exists()
    page = client.get(f"/admin/wordpress/importrun/{run.pk}/change/").text
    assert f"Import {run.pk} undone:" in page
    assert "Undo this import" not in page
