"""Superusers import an export from the admin; the task worker does the work."""

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
    return client.post(ADD, {"export": SimpleUploadedFile(name, content), **fields})


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
    assert "article created: 7" in run.report
    assert Article.objects.count() == 7
    assert list(upload_dir.iterdir()) == []
    page = superuser_client.get(f"/admin/wordpress/importrun/{run.pk}/change/")
    assert "Commenters&#x27; emails imported: 14" in page.text


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


def test_only_xml_or_zip_files_are_taken(superuser_client, upload_dir):
    response = upload(superuser_client, name="export.exe", content=b"MZ")

    assert response.status_code == 200
    assert "Upload the .xml or .zip file WordPress wrote." in response.text
    assert not ImportRun.objects.exists()


def test_a_broken_upload_reports_its_error(
    superuser_client, upload_dir, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(superuser_client, content=b"<rss><channel><item>", dry_run="")

    run_worker()

    run = ImportRun.objects.get()
    assert run.status == RunStatus.FAILED
    assert "not well-formed XML" in run.report


def test_staff_who_are_not_superusers_cannot_import(editor_client, upload_dir):
    assert editor_client.get(ADD).status_code == 403
    response = upload(editor_client)
    assert response.status_code == 403
    assert not ImportRun.objects.exists()
