"""The site works through PgBouncer in transaction mode (deploy/pgbouncer/).

Two gunicorn workers share a single server connection, so every transaction
may land on a connection another worker used last: the case where named
prepared statements and server-side cursors break.
"""

import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.servers import PgBouncer, Reader, gunicorn, site_environment

pytestmark = pytest.mark.skipif(
    shutil.which("pgbouncer") is None,
    reason="PgBouncer is not installed (Debian package pgbouncer; .ci/run installs it)",
)


@pytest.fixture(scope="module")
def site(primary):
    with PgBouncer(primary, default_pool_size="1") as bouncer:
        env = site_environment(
            bouncer.url, DATABASE_TRANSACTION_POOLING="on", WEB_CONCURRENCY="2"
        )
        with gunicorn(env) as base:
            yield base


def test_pages_are_served_through_pgbouncer_in_transaction_mode(site, article):
    # Many more requests than psycopg's prepare threshold, over both workers.
    paths = ("/", article, "/search/?q=cache") * 20
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(lambda path: Reader(site).open(path)[0], paths))

    assert statuses == [200] * len(paths)


def test_a_comment_posted_through_pgbouncer_is_stored_and_shown(site, article):
    page = Reader(site).post_comment(
        article,
        name="Pooled Reader",
        email="pooled.reader@example.net",
        body="Sent through a pooled connection.",
    )

    assert "Sent through a pooled connection." in page
