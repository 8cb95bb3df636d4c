"""`make run` starts with what a newcomer has, and stops cleanly on Ctrl-C and
on SIGTERM, leaving nothing running."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psutil
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


def started(env, *, output=subprocess.DEVNULL):
    """`make run` in a process group of its own, like a terminal's; its port."""
    port = free_port()
    site = subprocess.Popen(
        [sys.executable, "-m", "config.serve"],
        cwd=ROOT,
        env={**env, "PORT": str(port), "WEB_CONCURRENCY": "2"},
        stdout=output,
        stderr=output,
        start_new_session=True,
    )
    wait_until(lambda: answers(port), timeout=120, what="make run")
    return site, port


def answers(port):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
    except OSError:
        return False
    return True


def stop(site, port, signum):
    """Send the signal as a process manager (SIGTERM) or Ctrl-C (SIGINT, to
    the whole group) does; wait until nothing of the site is left."""
    started = time.monotonic()
    if signum == signal.SIGINT:
        os.killpg(site.pid, signum)
    else:
        site.send_signal(signum)
    assert site.wait(timeout=40) in (0, 143, -signum)
    wait_until(lambda: not group_alive(site.pid), timeout=30, what="the end")
    assert time.monotonic() - started < 30
    assert not answers(port)


@pytest.mark.parametrize("stop_with", [signal.SIGTERM, signal.SIGINT])
def test_the_site_stops_its_servers_and_workers_on_a_signal(database_url, stop_with):
    site, port = started({**os.environ, "DATABASE_URL": database_url})
    try:
        stop(site, port, stop_with)
    finally:
        if group_alive(site.pid):
            os.killpg(site.pid, signal.SIGKILL)


def test_without_a_mail_server_make_run_keeps_mail_in_files_and_says_where(
    database_url, tmp_path
):
    env = {k: v for k, v in os.environ.items() if k != "EMAIL_URL"}
    with (tmp_path / "output").open("w") as output:
        site, port = started({**env, "DATABASE_URL": database_url}, output=output)
    try:
        stop(site, port, signal.SIGTERM)
    finally:
        if group_alive(site.pid):
            os.killpg(site.pid, signal.SIGKILL)

    printed = (tmp_path / "output").read_text()
    assert f"Mail:   kept in files in {ROOT / 'mail'}/, not sent" in printed
    assert "set EMAIL_URL" in printed


@pytest.fixture(scope="module")
def embedded_dir():
    """A data directory of its own for the embedded server `make run` starts."""
    directory = Path(tempfile.mkdtemp(prefix="make-run-"))
    directory.chmod(0o755)  # the server may run as its own user
    yield directory / "pgdata"
    shutil.rmtree(directory, ignore_errors=True)


@pytest.mark.parametrize("stop_with", [signal.SIGTERM, signal.SIGINT])
def test_without_a_database_url_the_site_stops_its_own_postgresql_too(
    embedded_dir, stop_with
):
    env = {**os.environ, "EMBEDDED_POSTGRES_DIR": str(embedded_dir)}
    del env["DATABASE_URL"]
    site, port = started(env)
    try:
        postmaster = int((embedded_dir / "postmaster.pid").read_text().split()[0])
        stop(site, port, stop_with)
        # Stopped (fast shutdown) before `make run` exits; reaped soon after.
        assert not (embedded_dir / "postmaster.pid").exists()
        wait_until(lambda: not psutil.pid_exists(postmaster), timeout=10)
    finally:
        if group_alive(site.pid):
            os.killpg(site.pid, signal.SIGKILL)
