"""The report is for the site's owner: what needs attention first, with
links; counts; the redirects as a CSV; progress while it runs (item 8)."""

import csv
import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import UserFactory
from tests.wordpress.conftest import FIXTURES
from wordpress.models import ImportRun, RunStatus
from wordpress.waiting import write_progress

pytestmark = pytest.mark.django_db
THEME_TEST = FIXTURES / "theme-unit-test-data.xml"
WORDPRESS_COM = FIXTURES / "wordpress-com-2025.xml"


@pytest.fixture
def owner_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_what_needs_attention_comes_first_each_with_where_to_fix_it(
    owner_client, import_wordpress
):
    out = import_wordpress(THEME_TEST)
    lines = out.splitlines()

    assert lines[1] == "Needs your attention (106):"
    assert lines[2].startswith("  Images and files not brought over")
    assert lines.index("What was imported:") > 30
    links = re.findall(r" → (/admin/\S+/change/)$", out, re.M)
    assert len(links) == 20 + 3 + 2  # posts with files left, with blocks, drafts
    for link in set(links):
        assert owner_client.get(link).status_code == 200


def test_the_report_is_short_and_names_no_block_or_redirect_one_by_one(
    import_wordpress,
):
    out = import_wordpress(THEME_TEST)

    assert len(out.splitlines()) < 60
    assert "Redirects from old addresses: 710." in out
    assert not re.search(r"^\s+/\S* → /", out, re.M)  # no redirect table
    for heading, following in zip(out.splitlines(), out.splitlines()[1:]):  # noqa: B905
        if heading.startswith("  ") and heading.endswith(":"):
            assert following.startswith("    ")  # no empty section


def test_the_redirects_download_as_csv_from_the_admin_and_the_command(
    owner_client, import_wordpress
):
    import_wordpress(WORDPRESS_COM)
    run = ImportRun.objects.get()

    response = owner_client.get(f"/admin/wordpress/importrun/{run.pk}/redirects/")
    printed = StringIO()
    call_command("import_wordpress", "--redirects", str(run.pk), stdout=printed)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(StringIO(response.content.decode())))
    assert rows[0] == ["old address", "new address"]
    assert [
        "/2025/01/18/hauling-out-for-winter/", "/articles/hauling-out-for-winter/",
    ] in rows  # fmt: skip
    assert len(rows) == 1 + 56
    assert list(csv.reader(StringIO(printed.getvalue()))) == rows
    page = owner_client.get(f"/admin/wordpress/importrun/{run.pk}/change/").text
    assert "Download the redirects (CSV)" in page


def test_the_admin_page_shows_the_report_with_links(owner_client, import_wordpress):
    import_wordpress(WORDPRESS_COM)
    run = ImportRun.objects.get()

    page = owner_client.get(f"/admin/wordpress/importrun/{run.pk}/change/").text

    assert "<h3>Needs your attention</h3>" in page
    assert page.index("Needs your attention") < page.index("What was imported")
    assert re.search(
        r"“Hauling out for winter” \(1\): 2025/01/cradle.jpg — "
        r'<a href="/admin/articles/article/\d+/change/">fix it here</a>',
        page,
    )


def test_the_command_shows_a_progress_bar(import_wordpress, capsys, after_export):
    err = StringIO()
    call_command(
        "import_wordpress", str(WORDPRESS_COM), "--no-media",
        stdout=StringIO(), stderr=err,
    )  # fmt: skip

    bars = err.getvalue().split("\n")
    assert bars[0].startswith("[------------------------------]   0%  0/16 items")
    assert "[##############################] 100%  16/16 items, done" in bars


def test_the_admin_page_follows_a_running_import_with_the_time_left(
    owner_client, settings, tmp_path
):
    settings.WORDPRESS_UPLOAD_DIR = tmp_path / "waiting"
    run = ImportRun.objects.create(file_name="big.xml", status=RunStatus.RUNNING)
    write_progress(run, 250, 1000, 150)

    page = owner_client.get(f"/admin/wordpress/importrun/{run.pk}/change/").text

    assert "25%  250/1000 items, about 2 min left" in page
    assert '<meta http-equiv="refresh" content="5">' in page
