"""The release step runs in the image against a real PostgreSQL server."""

from tests.image.conftest import SERIES, query, run_release


def test_the_release_step_migrates_and_loads_the_series_into_an_empty_database(
    release, database
):
    articles = len(list(SERIES.glob("*.md")))

    assert "Applying articles.0001_initial... OK" in release
    assert f"Imported /app/content/backend-intro: {articles} created" in release
    assert query(database, "SELECT count(*) FROM articles_article") == [(articles,)]
    # The shared cache's table, which the site needs before its first page.
    assert query(database, "SELECT to_regclass('django_cache')") == [("django_cache",)]


def test_a_second_release_applies_and_imports_nothing(release, containers, site_env):
    again = run_release(containers, site_env)

    assert "No migrations to apply." in again
    assert "Imported" not in again
