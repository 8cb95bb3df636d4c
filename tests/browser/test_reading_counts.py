"""Readers' views and reads reach the editors' dashboard, and nothing else
leaves the page: no cookie, nothing kept in the browser, no request to
another site."""

import os
import re
import subprocess
import sys
import time
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import DATABASE, ROOT, database_url
from tests.browser.test_reading_and_commenting import logged_in_editor

ARTICLE = "/articles/data-and-databases/"
TITLE = "Data and databases, from tables to indexes"
SCREENS = [(width, scheme) for width in (375, 1280) for scheme in ("light", "dark")]


def reader_agent(chromium):
    """Chromium as a reader runs it: the list of bots knows "HeadlessChrome"."""
    tab = chromium.new_page()
    agent = tab.evaluate("navigator.userAgent").replace("HeadlessChrome", "Chrome")
    tab.close()
    return agent


def read_to_the_end(tab, beacons):
    """Open the article, scroll to its end, and wait for both beacons."""
    sent = len(beacons)
    tab.goto(ARTICLE)
    tab.mouse.wheel(0, 30_000)
    deadline = time.monotonic() + 10
    while len(beacons) < sent + 2 and time.monotonic() < deadline:
        tab.wait_for_timeout(100)
    assert [b.split("&")[0] for b in beacons[sent:]] == ["e=v", "e=r"]


def fold_counts():
    env = {**os.environ, "DATABASE_URL": database_url(DATABASE)}
    subprocess.run(
        [sys.executable, "manage.py", "fold_counts"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )


def test_views_and_reads_reach_the_dashboard_and_nothing_leaves_the_site(
    chromium, live_site
):
    agent, beacons, elsewhere = reader_agent(chromium), [], []
    for width, scheme in SCREENS:
        context = chromium.new_context(
            base_url=live_site,
            viewport={"width": width, "height": 800},
            color_scheme=scheme,
            user_agent=agent,
        )
        tab = context.new_page()
        tab.on(
            "request",
            lambda request: (
                beacons.append(request.post_data or "")
                if request.url == f"{live_site}/count"
                else urlsplit(request.url).hostname != "127.0.0.1"
                and elsewhere.append(request.url)
            ),
        )
        read_to_the_end(tab, beacons)
        read_to_the_end(tab, beacons)
        assert context.cookies() == []
        assert tab.evaluate("localStorage.length + sessionStorage.length") == 0
        context.close()
    assert elsewhere == []

    editor = logged_in_editor(chromium, live_site)
    top = editor.locator(
        "section", has=editor.get_by_role("heading", name="Most read this week")
    )
    row = top.get_by_role("row", name=re.compile(TITLE))
    # Each worker hands its counts over every 5 seconds, so a fold may find
    # some of the views before the others: fold until all eight are in.
    for _ in range(20):
        fold_counts()
        editor.goto("/admin/")
        if row.count() and row.get_by_role("cell").first.inner_text() == "8":
            break
        editor.wait_for_timeout(1000)
    expect(row.get_by_role("cell")).to_have_text(["8", "8", "< 5"])
    expect(editor.get_by_role("img", name=re.compile("^Last 7 days: "))).to_have_count(
        1
    )
    dashboard = Axe().run(editor)
    assert dashboard.violations_count == 0, dashboard.generate_report()

    row.get_by_role("link", name=TITLE).click()
    panel = editor.locator("fieldset.reading")
    expect(
        panel.get_by_role("img", name=re.compile("^Last 30 days: 8 views, 8 reads"))
    ).to_be_visible()
    # The form around it is the editor's own (tests/browser/test_editor.py).
    results = Axe().run(editor, context="fieldset.reading")
    editor.context.close()
    assert results.violations_count == 0, results.generate_report()
