"""Links in articles: internal ones checked on save, external ones by a task."""

import io
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from editing.links import check_external_links
from editing.models import LinkCheck
from publishing.models import Status
from tests.admin_forms import CHANGELIST, change_form_data
from tests.factories import ArticleFactory, PageFactory

pytestmark = pytest.mark.django_db


class Site(BaseHTTPRequestHandler):
    """Somebody else's site, on loopback: it notes who asks for what."""

    seen = []

    def answer(self):
        Site.seen.append((self.command, self.path, self.headers["User-Agent"]))
        if self.path == "/slow":
            time.sleep(2)
        status = {
            "/ok": 200,
            "/slow": 200,
            "/gone": 404,
            "/moved": 301,
            "/no-head": 405 if self.command == "HEAD" else 200,
        }[self.path]
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = answer

    def log_message(self, *args):
        pass


@contextmanager
def other_site():
    Site.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def loopback_allowed(settings):
    """The test-only switch: the other site of these tests is on loopback."""
    settings.OUTBOUND_ALLOW_LOOPBACK = True


def checks(article):
    return {c.url: c for c in LinkCheck.objects.filter(entry=article.entry)}


def test_saving_an_article_checks_its_internal_links(editor_client):
    ArticleFactory(slug="live-one")
    ArticleFactory(slug="draft-one", status=Status.DRAFT)
    PageFactory(slug="colophon")
    article = ArticleFactory(
        body="[a](/articles/live-one/) [b](/articles/draft-one/) "
        "[c](/no/such/place/) [d](/colophon/#team)"
    )
    change = f"{CHANGELIST}{article.pk}/change/"

    saved = editor_client.post(
        change, change_form_data(editor_client.get(change)), follow=True
    )

    found = checks(article)
    assert found["/articles/live-one/"].ok
    assert found["/colophon/#team"].ok
    assert found["/articles/draft-one/"].problem == (
        "No published article has this address."
    )
    # Any nested address may be a page of the tree; none is published there.
    assert found["/no/such/place/"].problem == "No published page has this address."
    shown = [str(m) for m in saved.context["messages"]]
    assert "Broken internal link: /no/such/place/" in shown
    assert "Broken internal link: /articles/draft-one/" in shown


def test_external_links_are_checked_politely_and_reported(settings, loopback_allowed):
    settings.LINK_CHECK_TIMEOUT = 1
    with other_site() as site:
        article = ArticleFactory(
            body=f"[ok]({site}/ok) [gone]({site}/gone) [moved]({site}/moved) "
            f"[head]({site}/no-head) [slow]({site}/slow)"
        )
        started = time.monotonic()
        check_external_links(article, pause=0.3)
        took = time.monotonic() - started

    found = checks(article)
    assert found[f"{site}/ok"].ok and found[f"{site}/ok"].status == 200
    assert not found[f"{site}/gone"].ok and found[f"{site}/gone"].status == 404
    assert found[f"{site}/moved"].ok and found[f"{site}/moved"].status == 301
    assert found[f"{site}/no-head"].ok  # asked again with GET
    assert not found[f"{site}/slow"].ok
    assert found[f"{site}/slow"].problem == "It took too long to answer."
    # One host: a pause between requests, the slow one cut off after a second.
    assert 4 * 0.3 <= took < 4
    agents = {agent for _, _, agent in Site.seen}
    assert agents == {f"{settings.SITE_NAME} link checker (+{settings.SITE_URL}/)"}


def test_the_worker_never_checks_links_to_private_or_local_addresses(run_worker):
    with other_site() as site:
        local = site.replace("127.0.0.1", "localhost")
        article = ArticleFactory(
            body=f"[ok]({site}/ok) [local]({local}/ok) [router](http://192.168.1.1/) "
            "[metadata](http://169.254.169.254/latest/meta-data/)"
        )
        call_command("check_links", stdout=io.StringIO())
        run_worker()

    assert Site.seen == []
    assert {check.problem for check in checks(article).values()} == {
        "Not checked: it is on a private or local network."
    }
    assert len(checks(article)) == 4


def test_the_weekly_job_queues_the_checks_the_worker_runs(run_worker, loopback_allowed):
    with other_site() as site:
        article = ArticleFactory(body=f"[gone]({site}/gone) [x](/nowhere/)")
        ArticleFactory(body=f"[ok]({site}/ok)", status=Status.DRAFT)

        call_command("check_links", stdout=io.StringIO())
        run_worker()

    assert [path for _, path, _ in Site.seen] == ["/gone"]
    assert not checks(article)[f"{site}/gone"].ok
    assert not checks(article)["/nowhere/"].ok


def test_the_link_report_lists_broken_links(editor_client):
    article = ArticleFactory(title="Linking article", body="[x](/nowhere/)")
    LinkCheck.objects.create(
        entry=article.entry,
        url="/nowhere/",
        internal=True,
        ok=False,
        problem="No page.",
    )

    report = editor_client.get("/admin/editing/linkcheck/?ok__exact=0")

    assert report.status_code == 200
    html = report.content.decode()
    assert "/nowhere/" in html and "Linking article" in html


def test_a_page_that_is_not_published_is_a_broken_link(editor_client):
    PageFactory(slug="hidden", status=Status.DRAFT)
    article = ArticleFactory(body="[h](/hidden/)")
    change = f"{CHANGELIST}{article.pk}/change/"

    editor_client.post(change, change_form_data(editor_client.get(change)))

    assert checks(article)["/hidden/"].problem == "No published page has this address."


def test_saving_an_article_queues_the_check_of_its_external_links(
    editor_client, run_worker, django_capture_on_commit_callbacks, loopback_allowed
):
    with other_site() as site:
        article = ArticleFactory(body=f"[gone]({site}/gone)")
        change = f"{CHANGELIST}{article.pk}/change/"
        with django_capture_on_commit_callbacks(execute=True):
            editor_client.post(change, change_form_data(editor_client.get(change)))
        run_worker()

    assert checks(article)[f"{site}/gone"].status == 404


def test_a_check_stops_when_its_time_is_up(settings, loopback_allowed):
    settings.LINK_CHECK_TIMEOUT, settings.LINK_CHECK_RUN_SECONDS = 1, 1
    with other_site() as site:
        article = ArticleFactory(body=f"[slow]({site}/slow) [ok]({site}/ok)")
        check_external_links(article, pause=0)

    assert list(checks(article)) == [f"{site}/slow"]
