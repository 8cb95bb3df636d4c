"""Two app servers behind HAProxy (deploy/haproxy/haproxy.cfg) share one site.

The second app server reaches the database through PgBouncer, so the test can
take its database away (stop PgBouncer) and give it back.
"""

import shutil
import time

import pytest

from tests.servers import (
    PgBouncer,
    Reader,
    gunicorn,
    haproxy,
    manage,
    site_environment,
    wait_until,
)

pytestmark = pytest.mark.skipif(
    not (shutil.which("haproxy") and shutil.which("pgbouncer")),
    reason="HAProxy or PgBouncer is not installed (.ci/run installs both)",
)


CREATE_EDITOR = """
from django.contrib.auth.models import User
User.objects.filter(username="lb-editor").delete()
User.objects.create_superuser("lb-editor", "", "a long and unguessable password")
"""


@pytest.fixture(scope="module")
def cluster(primary):
    """Server one reads the primary directly; server two through PgBouncer."""
    env_one = site_environment(primary.url(), USE_X_FORWARDED_FOR="on")
    manage("shell", "--no-imports", "-c", CREATE_EDITOR, env=env_one)
    with PgBouncer(primary) as bouncer:
        env_two = site_environment(
            bouncer.url, USE_X_FORWARDED_FOR="on", DATABASE_TRANSACTION_POOLING="on"
        )
        with gunicorn(env_one) as one, gunicorn(env_two) as two:
            addresses = [base.removeprefix("http://") for base in (one, two)]
            with haproxy(*addresses) as (balanced, states):
                wait_until(lambda: set(states().values()) == {"UP"}, what="checks")
                yield one, two, balanced, states, bouncer


def test_a_comment_approved_on_one_server_shows_on_the_other_and_the_balancer(
    cluster, primary, article
):
    one, two, balanced, _, _ = cluster
    body = f"Seen on every server ({time.monotonic()})."
    Reader(one).post_comment(
        article, name="Balanced Reader", email="balanced@example.net", body=body
    )
    assert body not in Reader(two).get(article)
    [(comment,)] = primary.execute("SELECT max(id) FROM comments_comment")

    editor = Reader(one)
    editor.submit(
        "/admin/login/?next=/admin/",
        username="lb-editor",
        password="a long and unguessable password",
    )
    editor.submit(
        "/admin/comments/comment/", action="approve", _selected_action=comment
    )

    assert body in Reader(two).get(article)
    assert body in Reader(balanced).get(article)


def test_a_server_whose_database_is_gone_is_taken_out_and_put_back(cluster):
    _, two, balanced, states, bouncer = cluster
    bouncer.stop()
    try:
        assert Reader(two).open("/healthz")[0] == 503
        wait_until(lambda: states()["app2"] == "DOWN", timeout=10, what="app2 out")
        statuses = [Reader(balanced).open("/")[0] for _ in range(10)]
        assert statuses == [200] * 10
    finally:
        bouncer.start()
    wait_until(lambda: states()["app2"] == "UP", timeout=10, what="app2 back")
    assert Reader(two).open("/")[0] == 200
