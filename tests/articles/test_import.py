"""import_articles loads the series from Markdown files, idempotently."""

import shutil
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.models import Article, Series
from publishing.models import Status

pytestmark = pytest.mark.django_db

SERIES_DIR = Path(settings.BASE_DIR) / "content" / "backend-intro"


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "series"
    shutil.copytree(SERIES_DIR, folder)
    return folder


def run_import(folder, *args):
    call_command("import_articles", folder, *args, stdout=None)


@time_machine.travel("2026-12-01 12:00Z")  # after the last part's publish time
def test_the_backend_intro_series_has_five_parts_of_600_to_1200_words():
    run_import(SERIES_DIR)

    series = Series.objects.get(slug="backend-intro")
    parts = series.articles.published().order_by("series_position")
    assert [part.series_position for part in parts] == [1, 2, 3, 4, 5]
    for part in parts:
        assert 600 <= part.word_count <= 1200, part.title
        assert part.topics.exists() and part.toc


def test_importing_twice_changes_nothing(content):
    run_import(content)
    before = {a.slug: a.updated_at for a in Article.objects.all()}

    run_import(content)

    assert Article.objects.count() == 5
    assert {a.slug: a.updated_at for a in Article.objects.all()} == before


def test_a_changed_file_updates_its_article_by_slug(content):
    run_import(content)
    path = content / "01-what-the-back-end-is.md"
    path.write_text(
        path.read_text().replace(
            "Every web site has two halves.", "Each web site has two halves."
        )
    )

    run_import(content)

    article = Article.objects.get(slug="what-the-back-end-is")
    assert "Each web site has two halves." in article.body
    assert Article.objects.count() == 5


def test_an_editors_later_edit_is_kept_unless_forced(content, capsys):
    run_import(content)
    article = Article.objects.get(slug="data-and-databases")
    article.title = "Edited by an editor"
    article.save()
    path = content / "02-data-and-databases.md"
    path.write_text(path.read_text().replace("A **relational", "A **tabular"))

    run_import(content)
    article.refresh_from_db()
    assert article.title == "Edited by an editor"

    run_import(content, "--force")
    article.refresh_from_db()
    assert article.title == "Data and databases, from tables to indexes"
    assert "A **tabular" in article.body


def test_files_without_required_front_matter_are_refused(tmp_path):
    (tmp_path / "bad.md").write_text("---\ntitle: Only a title\n---\nBody\n")

    with pytest.raises(CommandError, match="missing front matter"):
        run_import(tmp_path)
    assert not Article.objects.exists()


def test_a_publish_time_with_a_utc_offset_imports_once_and_then_is_unchanged(
    content, capsys
):
    path = content / "01-what-the-back-end-is.md"
    path.write_text(
        path.read_text().replace(
            "published_at: 2026-09-07 08:00:00",
            "published_at: 2026-09-07 10:00:00+02:00",
        )
    )

    run_import(content)
    capsys.readouterr()
    call_command("import_articles", content)

    out, err = capsys.readouterr()
    assert "5 unchanged" in out and "changed by an editor" not in err
    article = Article.objects.get(slug="what-the-back-end-is")
    assert article.published_at.isoformat() == "2026-09-07T08:00:00+00:00"


def test_a_publish_date_without_a_time_is_a_clear_error(content):
    path = content / "01-what-the-back-end-is.md"
    path.write_text(
        path.read_text().replace(
            "published_at: 2026-09-07 08:00:00", "published_at: 2026-09-07"
        )
    )

    with pytest.raises(CommandError, match="published_at needs a date and a time"):
        run_import(content)


def test_imported_articles_keep_their_status(content):
    path = content / "05-python-as-a-back-end-language.md"
    path.write_text(path.read_text().replace("status: published", "status: draft"))

    run_import(content)

    assert (
        Article.objects.get(slug="python-as-a-back-end-language").status == Status.DRAFT
    )
