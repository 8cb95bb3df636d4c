"""Superusers import an export from the admin; the task worker does the work."""

import os
import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from tests.factories import UserFactory
from tests.wordpress.conftest import FIXTURE
from wordpress.models import ImportRun, RunStatus

pytestmark = pytest.mark.django_db
ADD = "/admin/wordpress/importrun/add/"


@pytest.fixture
def upload_dir(settings, tmp_path):
    settings.WORDPRESS_UPLOAD_DIR = tmp_path / "waiting"
    return tmp_path / "waiting"


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def upload(client, name="export.xml", content=None, **fields):
    content = FIXTURE.read_bytes() if content is None else content
    data = {"export": SimpleUploadedFile(name, content), "fetch_media": "", **fields}
    return client.post(ADD, data)


def page_of(client, run):
    return client.get(f"/admin/wordpress/importrun/{run.pk}/change/").text


def test_an_uploaded_export_is_imported_by_the_worker_and_then_deleted(
    superuser_client, upload_dir, run_worker, after_export,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(superuser_client, dry_run="")
    assert response.status_code == 302
    assert len(list(upload_dir.iterdir())) == 1

    run_worker()

    run = ImportRun.objects.get()
    assert run.status == RunStatus.DONE
    assert "Articles: 7 created (2 draft, 4 live, 1 scheduled)." in run.report
    assert "Files: export.xml." in run.report
    assert Article.objects.count() == 7
    assert list(upload_dir.iterdir()) == []
    assert "Commenters&#x27; emails imported: 14" in page_of(superuser_client, run)


def test_the_upload_form_starts_as_a_dry_run(
    superuser_client, upload_dir, run_worker, django_capture_on_commit_callbacks
):
    form = superuser_client.get(ADD).context["adminform"].form
    assert form["dry_run"].value() is True
    with django_capture_on_commit_callbacks(execute=True):
        upload(superuser_client, dry_run="on")

    run_worker()

    assert ImportRun.objects.get().report.startswith("Dry run: nothing was written.")
    assert not Article.objects.exists()


def test_a_dry_run_is_imported_for_real_from_the_same_file(
    superuser_client, upload_dir, run_worker, after_export,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        upload(superuser_client, dry_run="on")
    run_worker()
    dry = ImportRun.objects.get()
    assert "Import for real" in page_of(superuser_client, dry)

    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(f"/admin/wordpress/importrun/{dry.pk}/import/")
    run_worker()

    real = ImportRun.objects.exclude(pk=dry.pk).get()
    assert response["Location"] == f"/admin/wordpress/importrun/{real.pk}/change/"
    assert (real.dry_run, real.status, real.file_name) == (
        False, RunStatus.DONE, "export.xml",
    )  # fmt: skip
    assert Article.objects.count() == 7
    assert list(upload_dir.iterdir()) == []  # imported, so deleted
    assert "Import for real" not in page_of(superuser_client, dry)


def test_only_xml_or_zip_files_are_taken(superuser_client, upload_dir):
    response = upload(superuser_client, name="export.exe", content=b"MZ")

    assert response.status_code == 200
    assert "Upload the .xml or .zip file WordPress wrote." in response.text
    assert not ImportRun.objects.exists()


def test_a_broken_upload_reports_its_error_and_waits_to_be_discarded(
    superuser_client, upload_dir, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(superuser_client, content=b"<rss><channel><item>", dry_run="")

    run_worker()

    run = ImportRun.objects.get()
    assert run.status == RunStatus.FAILED
    assert "not well-formed XML" in run.report
    assert len(list(upload_dir.iterdir())) == 1
    assert "Discard the uploaded file" in page_of(superuser_client, run)

    superuser_client.post(f"/admin/wordpress/importrun/{run.pk}/discard/")

    assert list(upload_dir.iterdir()) == []
    assert "Discard the uploaded file" not in page_of(superuser_client, run)


def test_an_import_that_stops_on_any_error_ends_as_failed_with_its_reason(
    superuser_client, upload_dir, run_worker, django_capture_on_commit_callbacks,
    settings,
):  # fmt: skip
    # An export nested far deeper than any WordPress writes.
    deep = b"<rss><channel>" + b"<x>" * 600 + b"</x>" * 600 + b"</channel></rss>"
    with django_capture_on_commit_callbacks(execute=True):
        upload(superuser_client, content=deep, dry_run="")

    run_worker()

    run = ImportRun.objects.get()
    assert run.status == RunStatus.FAILED
    assert "elements nest more than 32 deep" in run.report
    assert run.finished_at is not None
    assert len(list(upload_dir.iterdir())) == 1


def test_uploads_wait_in_a_private_folder_under_unguessable_names(
    superuser_client, upload_dir, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(superuser_client)

    [waiting] = list(upload_dir.iterdir())
    assert stat.S_IMODE(os.stat(upload_dir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(waiting).st_mode) == 0o600
    assert waiting.name != f"import-{ImportRun.objects.get().pk}.xml"


def test_a_planted_symlink_is_never_written_through(
    superuser_client, settings, tmp_path
):
    target = tmp_path / "elsewhere"
    target.mkdir()
    settings.WORDPRESS_UPLOAD_DIR = tmp_path / "waiting"
    settings.WORDPRESS_UPLOAD_DIR.symlink_to(target)

    response = upload(superuser_client)

    assert response.status_code == 200
    assert "is not a folder (a link?)" in response.text
    assert list(target.iterdir()) == []
    assert not ImportRun.objects.exists()


def test_staff_who_are_not_superusers_cannot_import(editor_client, upload_dir):
    assert editor_client.get(ADD).status_code == 403
    response = upload(editor_client)
    assert response.status_code == 403
    assert not ImportRun.objects.exists()
