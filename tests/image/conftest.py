"""The production image, run as an owner runs it (`make image-test` builds it).

Its containers share the host's network, so the site, the PostgreSQL server
and the SMTP server the tests start all meet on 127.0.0.1. Every container and
volume made here is removed at the end, on Ctrl-C and on SIGTERM too.
"""

import os
import secrets
import signal
import urllib.request
from contextlib import contextmanager

import psycopg
import pytest
from psycopg import sql

from deploy.image.engine import ToolMissing, find_engine
from tests.servers import ROOT, Postgres, free_port, wait_until

IMAGE = os.environ.get("SITE_IMAGE")
SERIES = ROOT / "content" / "backend-intro"


@pytest.fixture(scope="session", autouse=True)
def sigterm_tears_down_like_ctrl_c():
    """A SIGTERM (CI's time limit, `kill`) ends the run as Ctrl-C does: every
    fixture's teardown runs, so no container outlives the tests."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    yield
    signal.signal(signal.SIGTERM, previous)


@contextmanager
def uninterrupted():
    """Ctrl-C and SIGTERM wait until the cleanup inside is done (the engine
    commands it runs ignore them too)."""
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {stop: signal.signal(stop, signal.SIG_IGN) for stop in stops}
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)


@pytest.fixture(scope="session")
def engine():
    if not IMAGE:
        pytest.skip("run by `make image-test`, which builds the image (SITE_IMAGE)")
    try:
        found = find_engine()
    except ToolMissing as error:
        pytest.skip(str(error))
    if found.name != "podman":
        pytest.skip(f"the image tests drive podman, and this machine has {found.name}")
    return found


class Containers:
    """Containers of the image on the host's network, labelled for removal."""

    def __init__(self, engine):
        self.engine = engine
        self.label = f"backend-intro-site.test={secrets.token_hex(6)}"

    def run(self, *options, env, command=(), detach=True):
        """Start a container (``detach``) and return its name, or run it to
        the end and return what it printed."""
        name = f"site-test-{secrets.token_hex(4)}"
        flags = [f"--env={key}={value}" for key, value in env.items()]
        args = ["run", "--name", name, "--label", self.label, "--network", "host"]
        if not detach:
            return self.engine.output(
                *args, "--rm", *flags, *options, IMAGE, *command, timeout=300
            )
        self.engine("run", *args[1:], "--detach", *flags, *options, IMAGE, *command)
        return name

    def volume(self):
        name = f"site-test-{secrets.token_hex(4)}"
        self.engine("volume", "create", "--label", self.label, name, capture=True)
        return name

    def exit_code(self, name):
        [details] = self.engine.inspect(name)
        return details["State"]["ExitCode"]

    def remove_all(self):
        where = f"label={self.label}"
        made = self.engine.output("ps", "--all", "--quiet", "--filter", where)
        if made:
            self.engine("rm", "--force", "--time", "0", *made.split(), capture=True)
        volumes = self.engine.output("volume", "ls", "--quiet", "--filter", where)
        if volumes:
            self.engine("volume", "rm", "--force", *volumes.split(), capture=True)


@pytest.fixture(scope="session")
def containers(engine):
    made = Containers(engine)
    try:
        yield made
    finally:
        with uninterrupted():
            made.remove_all()


def read_only(*volumes):
    """How the site runs: nothing written but its volumes and /tmp."""
    mounts = [f"--volume={volume}:{path}" for volume, path in volumes]
    return ["--read-only", "--read-only-tmpfs=false", "--tmpfs=/tmp", *mounts]


@pytest.fixture(scope="session")
def database():
    """A new database on a PostgreSQL server on loopback, behind a password;
    yields its URL."""
    server = Postgres("image").initdb().start()
    password = secrets.token_urlsafe(16)
    try:
        server.execute(
            sql.SQL("CREATE ROLE site LOGIN PASSWORD {}").format(password),
            database="postgres",
        )
        server.execute("CREATE DATABASE site OWNER site", database="postgres")
        (server.data / "pg_hba.conf").write_text(
            "host all all 127.0.0.1/32 scram-sha-256\n"
        )
        server.execute("SELECT pg_reload_conf()", database="postgres")
        yield f"postgres://site:{password}@127.0.0.1:{server.port}/site"
    finally:
        with uninterrupted():
            server.destroy()


def query(database, statement, params=()):
    with psycopg.connect(database) as conn:
        return conn.execute(statement, params).fetchall()


@pytest.fixture(scope="session")
def site_env(database):
    """What the site's containers are given, as an owner gives it."""
    return {
        "DATABASE_URL": database,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "EMAIL_URL": "dummymail://",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
        "COMMENTS_MIN_SECONDS": "0",
    }


def run_release(containers, env):
    """The release step, run to its end in the image: what it printed."""
    command = ["python", "deploy/release.py"]
    return containers.run(*read_only(), env=env, command=command, detach=False)


@pytest.fixture(scope="session")
def release(containers, site_env):
    """The first release step, on the empty database."""
    return run_release(containers, site_env)


def start_site(containers, site_env):
    """A site container serving on a free loopback port: (name, base URL)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**site_env, "GUNICORN_BIND": f"127.0.0.1:{port}", "SITE_URL": base}
    name = containers.run(*read_only((containers.volume(), "/app/media")), env=env)
    wait_until(lambda: answers(f"{base}/healthz"), timeout=60, what="the site")
    return name, base


def start_worker(containers, env):
    """A task worker container: the same image, its own command."""
    return containers.run(
        *read_only((containers.volume(), "/app/media")),
        "--no-healthcheck",
        env=env,
        command=["python", "manage.py", "db_worker"],
    )


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def site(release, containers, site_env):
    return start_site(containers, site_env)


@pytest.fixture(scope="session")
def article(release, database):
    """The address of the series' first published article."""
    [(slug, title)] = query(
        database,
        "SELECT slug, title FROM articles_article WHERE status = 'published'"
        " AND published_at <= now() ORDER BY published_at LIMIT 1",
    )
    return f"/articles/{slug}/", title
