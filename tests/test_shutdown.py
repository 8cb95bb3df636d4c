"""`make run` stops cleanly on Ctrl-C and on SIGTERM, leaving nothing running."""

import os
import signal
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from tests.servers import ROOT, free_port, wait_until

DATABASE = "test_site_shutdown"


@pytest.fixture(scope="module")
def database_url():
    parts = urlsplit(os.environ["DATABASE_URL"])
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        name = sql.Identifier(DATABASE)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
    yield urlunsplit(parts._replace(path=f"/{DATABASE}"))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("stop_with", [signal.SIGTERM, signal.SIGINT])
def test_the_site_stops_its_servers_and_workers_on_a_signal(database_url, stop_with):
    import urllib.request

    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
    }
    site = subprocess.Popen(
        [sys.executable, "-m", "config.serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, like a terminal's
    )

    def answers():
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
        except OSError:
            return False
        return True

    try:
        wait_until(answers, timeout=90, what="make run")
        started = time.monotonic()
        site.send_signal(stop_with)
        assert site.wait(timeout=40) in (0, 143, -stop_with)
        wait_until(lambda: not group_alive(site.pid), timeout=30, what="the end")
        assert time.monotonic() - started < 30
        assert not answers()
    finally:
        if group_alive(site.pid):
            os.killpg(site.pid, signal.SIGKILL)
