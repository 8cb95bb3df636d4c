"""A real PostgreSQL primary, holding the site's schema and the series."""

import pytest

from tests.servers import Postgres, load_site, site_environment


@pytest.fixture(scope="session")
def primary():
    server = Postgres("primary").initdb().start()
    try:
        server.execute("CREATE DATABASE site", database="postgres")
        load_site(site_environment(server.url()))
        yield server
    finally:
        server.destroy()


@pytest.fixture
def article(primary):
    [(slug,)] = primary.execute(
        "SELECT slug FROM articles_article ORDER BY published_at LIMIT 1"
    )
    return f"/articles/{slug}/"
