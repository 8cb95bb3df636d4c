"""The database goes away while readers and commenters use the site, and comes back.

The site's PostgreSQL server (the primary these tests share) is stopped and
started again under gunicorn serving real traffic from several threads.
"""

import json
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.servers import Reader, gunicorn, site_environment, wait_until

# Readers and commenters hitting the site at once, through the whole outage.
CLIENTS = 4
OUTAGE_SECONDS = 3


@pytest.fixture
def site(primary, tmp_path):
    """The site on a copy of the shared database, which this test fills with
    comments (and their queued mails) of its own."""
    primary.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = 'site' AND pid <> pg_backend_pid()",
        database="postgres",
    )
    primary.execute("CREATE DATABASE outage TEMPLATE site", database="postgres")
    env = site_environment(
        primary.url("outage"), WEB_CONCURRENCY="2", COMMENTS_RATE_LIMIT="1000000"
    )
    try:
        with (
            (tmp_path / "server.log").open("w") as log,
            gunicorn(env, output=log) as base,
        ):
            yield base
    finally:
        primary.execute("DROP DATABASE outage WITH (FORCE)", database="postgres")


class Traffic(threading.Thread):
    """One visitor: opens the article and comments on it until told to stop."""

    def __init__(self, base, article, number):
        super().__init__(daemon=True)
        self.base, self.article, self.number = base, article, number
        self.answers = []  # (body, status, seconds) of each comment sent
        self.stopping = threading.Event()

    def run(self):
        sent = 0
        while not self.stopping.is_set():
            body = f"Outage comment {self.number}-{sent}."
            sent += 1
            started = time.monotonic()
            try:
                status = Reader(self.base).send_comment(
                    self.article, name="Steady Reader", email="steady@example.net",
                    body=body,
                )  # fmt: skip
            except OSError:
                status = None  # no answer at all
            self.answers.append((body, status, time.monotonic() - started))


def timed(url):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = None
    return status, time.monotonic() - started


def test_an_outage_answers_503_quickly_and_the_site_recovers_by_itself(
    site, primary, article, tmp_path
):
    before = "Posted before the outage."
    Reader(site).post_comment(
        article, name="Early Reader", email="early@example.net", body=before
    )
    visitors = [Traffic(site, article, n) for n in range(CLIENTS)]
    for visitor in visitors:
        visitor.start()
    time.sleep(1)

    primary.stop(mode="fast")
    try:
        time.sleep(1)  # every worker has met the outage
        page = Reader(site).open_with_headers(article)
        health = Reader(site).open("/healthz")
        time.sleep(OUTAGE_SECONDS - 1)
    finally:
        primary.start()
    back = time.monotonic()
    wait_until(lambda: timed(f"{site}/healthz")[0] == 200, timeout=30, what="site")
    recovery = time.monotonic() - back
    wait_until(lambda: timed(f"{site}{article}")[0] == 200, timeout=30, what="pages")
    time.sleep(1)
    for visitor in visitors:
        visitor.stopping.set()
    for visitor in visitors:
        visitor.join(timeout=30)

    status, headers, html = page
    assert status == 503 and "Back in a moment" in html
    assert headers["Retry-After"] and headers["Cache-Control"] == "no-store"
    assert health[0] == 503
    answers = [answer for visitor in visitors for answer in visitor.answers]
    statuses = [status for _, status, _ in answers]
    assert set(statuses) <= {302, 503}
    assert max(seconds for _, _, seconds in answers) < 5
    assert 503 in statuses
    assert recovery < 10, f"recovered {recovery:.1f} s after the database returned"
    taken = {body for body, status, _ in answers if status == 302}
    stored = dict(
        primary.execute(
            "SELECT body, count(*) FROM comments_comment WHERE body LIKE ANY(%s) "
            "GROUP BY body",
            (["Outage comment %", before],),
            database="outage",
        )
    )
    assert set(stored.values()) == {1}  # nothing stored twice
    assert taken | {before} <= stored.keys()  # nothing taken is lost
    # A comment in flight as the database went away may be stored while its
    # answer, which needed the database again, is a 503: one per visitor.
    caught = stored.keys() - taken - {before}
    assert len(caught) <= CLIENTS
    # Each failed request is one log line with its reason, not a traceback.
    lines = [json.loads(line) for line in (tmp_path / "server.log").open()]
    unavailable = [
        line
        for line in lines
        if line["message"].startswith("Service Unavailable: /articles/")
    ]
    assert len(unavailable) >= statuses.count(503)
    assert all("error" in line and "exception" not in line for line in unavailable)
    print(
        f"{len(answers)} comments sent, {len(taken)} taken, {statuses.count(503)} "
        f"answered 503 ({len(caught)} of them stored); recovered "
        f"{recovery:.2f} s after the database returned"
    )
