"""A real site in a real browser: gunicorn on its own database, Debian's Chromium.

The server runs exactly as `make run` serves it (gunicorn, whitenoise, DEBUG
off) against a database of its own on the same PostgreSQL server, loaded with
the series and one editor. Screenshots at 375 and 1280 px, light and dark, are
saved to test-artifacts/ when a test fails.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DATABASE = "site_browser_tests"
EDITOR = {"username": "editor", "password": "a long pass phrase for tests"}
# A second editor, with a name the editor's notices show; and the site's owner.
COLLEAGUE = {"username": "ana", "password": "another long pass phrase"}
OWNER = {"username": "owner", "password": "the owner's long pass phrase"}
CREATE_EDITOR = f"""
from django.contrib.auth.models import Group, User
editors = Group.objects.get(name="Editors")
user = User.objects.create_user(
    {EDITOR["username"]!r}, "editor@example.org", {EDITOR["password"]!r}, is_staff=True
)
user.groups.add(editors)
ana = User.objects.create_user(
    {COLLEAGUE["username"]!r}, "ana@example.org", {COLLEAGUE["password"]!r},
    is_staff=True, first_name="Ana", last_name="Lima",
)
ana.groups.add(editors)
User.objects.create_superuser(
    {OWNER["username"]!r}, "owner@example.org", {OWNER["password"]!r}
)

from articles.models import Article
from comments.models import Comment, Status
article = Article.objects.get(slug="data-and-databases")
first = Comment.objects.create(
    entry=article.entry, name="Ada", email="ada@example.net", status=Status.APPROVED,
    body="Which index type suits full-text search? See https://www.postgresql.org/docs/",
)
Comment.objects.create(
    entry=article.entry, parent=first, name="Ben", email="ben@example.net",
    status=Status.APPROVED, body="GIN, as the article says.",
)

# Words no line can break: a title of one long word, an address in the text.
long = Article(
    title="Pneumonoultramicroscopicsilicovolcanoconiosisandotherverylongwords",
    slug="long-words", author=article.author, status="published",
    published_at=article.published_at,
    summary="See https://example.org/a/very/long/address/that/never/breaks/anywhere",
    body="Read https://example.org/a/very/long/address/that/never/breaks/anywhere.",
)
long.save()
long.topics.set(article.topics.all())
"""


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            "Browser tests need Debian's chromium (.ci/run installs it)."
        )
    skip = pytest.mark.skip(reason="Debian's chromium is not installed")
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(name):
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(name):
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def site_env(tmp_path_factory):
    """The environment the live site, its worker and its manage.py run in."""
    recreate_database(DATABASE)
    port = free_port()
    return {
        **os.environ,
        "DATABASE_URL": database_url(DATABASE),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "COMMENTS_MIN_SECONDS": "0",
        # Every test comments from 127.0.0.1: more than a reader would.
        "COMMENTS_RATE_LIMIT": "100",
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("uploads")),
    }


def run_manage(env, *args):
    return subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def site_shell(live_site, site_env):
    """Run Python in the live site's Django, as an owner does from a shell;
    returns what it prints."""
    return lambda code: run_manage(site_env, "shell", "--no-imports", "-c", code).stdout


@pytest.fixture
def no_comments_waiting(site_shell):
    """The moderation queue empty before the test and after it: the live site
    is shared by every browser test, and others leave comments waiting."""
    empty = (
        "from comments.models import Comment, Status\n"
        "Comment.objects.filter(status=Status.PENDING).delete()\n"
    )
    site_shell(empty)
    yield
    site_shell(empty)


@pytest.fixture(scope="session")
def live_site(site_env):
    """The base URL of a freshly set-up site served by gunicorn, with its task
    worker (which makes library images' renditions) and uploads of its own."""
    env = site_env
    run_manage(env, "migrate", "--noinput")
    run_manage(env, "createcachetable")
    run_manage(env, "import_articles", "content/backend-intro")
    run_manage(env, "shell", "--no-imports", "-c", CREATE_EDITOR)
    server, worker = (
        subprocess.Popen(  # noqa: S603 - fixed interpreter and programs
            [sys.executable, *command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for command in (
            ["-m", "gunicorn", "--config", "config/gunicorn.conf.py"],
            ["manage.py", "db_worker", "--no-startup-delay"],
        )
    )
    base = env["SITE_URL"]
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310 - loopback
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    yield base
    for process in (server, worker):
        process.terminate()
    for process in (server, worker):
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                *(["--no-sandbox"] if os.geteuid() == 0 else []),
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(
    params=[(w, s) for w in (375, 1280) for s in ("light", "dark")], ids=str
)
def screen(request, chromium, live_site):
    """A fresh tab on a phone and on a desktop, in light and in dark."""
    width, scheme = request.param
    context = chromium.new_context(
        base_url=live_site,
        viewport={"width": width, "height": 900},
        color_scheme=scheme,
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def page(request, chromium, live_site):
    """A fresh browser tab; fails the test on any console error, CSP included."""
    context = chromium.new_context(
        base_url=live_site, viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    errors = []

    def on_console(message):
        # A 404 page reports its own status as an error; only that is expected.
        own_status = message.location.get("url") == tab.url and re.match(
            r"Failed to load resource: .* status of (404|410)", message.text
        )
        if message.type == "error" and not own_status:
            errors.append(message.text)

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed and not tab.is_closed():
        save_screenshots(tab, request.node.name)
    context.close()
    assert errors == [], f"browser console errors: {errors}"


def save_screenshots(tab, name):
    """The page the test failed on, at 375 and 1280 px, light and dark, as
    the same visitor (signed in or not) sees it."""
    ARTIFACTS.mkdir(exist_ok=True)
    state = tab.context.storage_state()
    for width in (375, 1280):
        for scheme in ("light", "dark"):
            context = tab.context.browser.new_context(
                base_url=tab.url,
                storage_state=state,
                viewport={"width": width, "height": 900},
                color_scheme=scheme,
            )
            shot = context.new_page()
            shot.goto(tab.url)
            shot.screenshot(
                path=ARTIFACTS / f"{name}-{width}-{scheme}.png", full_page=True
            )
            context.close()
