"""`make backup` and `make restore` (database/backup.py) on a real server.

The server trusts loopback, so it ignores the password in the URLs: they
carry one only to show that the commands never print it.
"""

import subprocess
import sys

import pytest
from psycopg import sql

from tests.servers import ROOT, Postgres, load_site, manage, site_environment

PASSWORD = "never-printed-5ecret"
TABLES = (
    "articles_article",
    "comments_comment",
    "django_redirect",
    "reversion_version",
)

ADD_COMMENT_AND_REDIRECT = """
import reversion
from django.contrib.redirects.models import Redirect
from articles.models import Article
from comments.models import Comment, Status
article = Article.objects.order_by("pk").first()
with reversion.create_revision():
    article.title = "Revised before the backup"
    article.save()
Comment.objects.create(
    entry=article.entry, name="Kept", email="kept@example.net",
    body="Still here after a restore.", status=Status.APPROVED,
)
Redirect.objects.create(site_id=1, old_path="/old-home/", new_path="/")
"""


@pytest.fixture(scope="module")
def server():
    postgres = Postgres("backup").initdb().start()
    try:
        postgres.execute("CREATE DATABASE site", database="postgres")
        env = site_environment(postgres.url())
        load_site(env)
        manage("shell", "--no-imports", "-c", ADD_COMMENT_AND_REDIRECT, env=env)
        yield postgres
    finally:
        postgres.destroy()


def url_with_password(server, database):
    return server.url(database).replace("postgres@", f"postgres:{PASSWORD}@", 1)


def backup(*args, url):
    """Run database.backup against ``url``; its password must never show."""
    result = subprocess.run(  # noqa: S603 - fixed interpreter and module
        [sys.executable, "-m", "database.backup", *map(str, args)],
        cwd=ROOT,
        env=site_environment(url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert PASSWORD not in result.stdout + result.stderr
    return result


def rows(server, database):
    """Every article, comment, redirect and revision, whole rows, in order."""
    return {
        table: server.execute(
            sql.SQL("SELECT * FROM {} ORDER BY id").format(sql.Identifier(table)),
            database=database,
        )
        for table in TABLES
    }


def test_a_backup_restores_every_article_comment_redirect_and_revision(
    server, tmp_path
):
    dump = tmp_path / "site.dump"
    created = backup("create", dump, url=url_with_password(server, "site"))
    assert created.returncode == 0, created.stderr
    assert f"to {dump}" in created.stdout
    server.execute("CREATE DATABASE restored", database="postgres")

    restored = backup("restore", dump, url=url_with_password(server, "restored"))

    assert restored.returncode == 0, restored.stderr
    source = rows(server, "site")
    assert all(source.values()), "the source holds some of each"
    assert rows(server, "restored") == source


def test_restore_leaves_a_database_with_tables_alone_unless_forced(server, tmp_path):
    dump = tmp_path / "site.dump"
    assert backup("create", dump, url=url_with_password(server, "site")).returncode == 0
    before = rows(server, "site")
    server.execute("DELETE FROM comments_comment WHERE name = 'Kept'")

    refused = backup("restore", dump, url=url_with_password(server, "site"))

    assert refused.returncode == 1
    assert "already holds" in refused.stderr
    assert "FORCE=1" in refused.stderr
    assert server.execute("SELECT 1 FROM comments_comment WHERE name = 'Kept'") == []

    forced = backup("restore", "--force", dump, url=url_with_password(server, "site"))

    assert forced.returncode == 0, forced.stderr
    assert rows(server, "site") == before


def test_a_url_libpq_cannot_read_is_refused_without_echoing_it(server, tmp_path):
    # libpq reads postgres:// and postgresql://; its own message would quote
    # the whole URL, password included.
    url = url_with_password(server, "site").replace("postgres://", "pgsql://")

    result = backup("create", tmp_path / "site.dump", url=url)

    assert result.returncode == 1
    assert "DATABASE_URL is not a postgres:// URL" in result.stderr
    assert not (tmp_path / "site.dump").exists()
