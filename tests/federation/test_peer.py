"""The whole loop with a real fediverse server: a Fedify 2 peer on loopback.

The site runs as in production (gunicorn, over TLS with a throwaway CA, and
its task worker) on the test database; the peer is Fedify on Node 22. The
peer finds the site's handle by WebFinger, follows it, gets and verifies the
Create of a new article, replies (a comment held for moderation), gets the
site's reply, then the Update and the Delete of the article.
"""

import json
import os
import ssl
import subprocess
import sys
import urllib.request
from contextlib import ExitStack, contextmanager
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
import trustme
from django.db import connection

from comments.models import Comment, Status
from federation.models import Follower
from publishing.models import Status as PublishingStatus
from tests.factories import ArticleFactory
from tests.federation.node import PEER, require_node
from tests.servers import ROOT, free_port, wait_until

# Committed rows for the site's own processes; the rows migrations made are
# restored afterwards for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@contextmanager
def running(command, *, env, cwd, log):
    """A process that is stopped (SIGTERM, then SIGKILL) however the block ends."""
    process = subprocess.Popen(  # noqa: S603 - fixed programs and arguments
        command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


class Peer:
    def __init__(self, base, context):
        self.base, self.context = base, context

    def call(self, path, body=None):
        request = urllib.request.Request(  # noqa: S310 - the peer on loopback
            f"{self.base}{path}",
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60, context=self.context) as r:  # noqa: S310
            return json.loads(r.read())

    def received(self, kind, object_type=None):
        return [
            event
            for event in self.call("/_control/log")
            if event["kind"] == "inbox"
            and event["type"] == kind
            and object_type in (None, event["objectType"])
        ]


def database_url():
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{connection.settings_dict['NAME']}"))


@pytest.fixture
def loop(tmp_path, settings):
    """(site base URL, peer): both running on loopback over TLS."""
    node = require_node()
    ca = trustme.CA()
    ca.cert_pem.write_to_path(tmp_path / "ca.pem")
    for name in ("site", "peer"):
        cert = ca.issue_cert("127.0.0.1", "localhost")
        cert.private_key_pem.write_to_path(tmp_path / f"{name}.key")
        cert.cert_chain_pems[0].write_to_path(tmp_path / f"{name}.pem")
    site_port, peer_port = free_port(), free_port()
    site = f"https://127.0.0.1:{site_port}"
    settings.SITE_URL = site
    settings.SITE_HANDLE = "test-site"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.federation.site_settings",
        "DATABASE_URL": database_url(),
        "SITE_URL": site,
        "SITE_HANDLE": "test-site",
        "PORT": str(site_port),
        "WEB_CONCURRENCY": "2",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "SSL_CERT_FILE": str(tmp_path / "ca.pem"),
        "NODE_EXTRA_CA_CERTS": str(tmp_path / "ca.pem"),
    }
    trust = ssl.create_default_context()
    ca.configure_trust(trust)
    log = (tmp_path / "servers.log").open("w")
    gunicorn = [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.conf.py"]
    gunicorn += ["--certfile", str(tmp_path / "site.pem")]
    gunicorn += ["--keyfile", str(tmp_path / "site.key")]
    peer_command = [node, "peer.mjs", "--port", str(peer_port)]
    peer_command += ["--tls-cert", str(tmp_path / "peer.pem")]
    peer_command += ["--tls-key", str(tmp_path / "peer.key")]
    with ExitStack() as stack:
        stack.callback(log.close)
        for command, cwd in (
            (gunicorn, ROOT),
            ([sys.executable, "manage.py", "db_worker", "--no-startup-delay"], ROOT),
            (peer_command, PEER),
        ):
            stack.enter_context(running(command, env=env, cwd=cwd, log=log))
        wait_until(lambda: _answers(f"{site}/healthz", trust), what="the site")
        peer = Peer(f"https://127.0.0.1:{peer_port}", trust)
        wait_until(lambda: _answers(f"{peer.base}/_control/log", trust), what="peer")
        yield site, peer


def _answers(url, context):
    try:
        urllib.request.urlopen(url, timeout=2, context=context)  # noqa: S310 - loopback
    except OSError:
        return False
    return True


def eventually(check, what):
    wait_until(check, timeout=60, what=what)


def test_a_fedify_server_follows_reads_and_answers(loop):
    site, peer = loop
    handle = f"@test-site@{urlsplit(site).netloc}"

    found = peer.call(f"/_control/lookup?q={quote(handle)}")
    assert found["webfinger"]["subject"] == f"acct:{handle[1:]}"
    assert found["object"]["id"] == f"{site}/ap/actors/test-site"

    peer.call("/_control/follow", {"target": handle})
    eventually(lambda: Follower.objects.filter(actor="site").exists(), "the follow")
    eventually(lambda: peer.received("Accept"), "the Accept at the peer")

    article = ArticleFactory(title="Fresh from the site")
    eventually(lambda: peer.received("Create", "Article"), "the Create at the peer")
    [create] = peer.received("Create", "Article")
    assert create["name"] == "Fresh from the site"

    url = f"{site}{article.get_absolute_url()}"
    peer.call(
        "/_control/reply",
        {"target": f"{site}/ap/actors/test-site", "inReplyTo": url,
         "content": "<p>Hello from Fedify.</p>"},
    )  # fmt: skip
    eventually(lambda: Comment.objects.exists(), "the reply as a comment")
    comment = Comment.objects.get()
    assert (comment.body, comment.status) == ("Hello from Fedify.", Status.PENDING)

    Comment.objects.create(
        entry=comment.entry, parent=comment, name="The site", body="Thanks!",
        status=Status.APPROVED, is_staff_reply=True,
    )  # fmt: skip
    eventually(lambda: peer.received("Create", "Note"), "the site's reply")
    [answer] = peer.received("Create", "Note")
    assert answer["activity"]["object"]["inReplyTo"] == comment.remote_id

    article.title = "Corrected on the site"
    article.save()
    eventually(lambda: peer.received("Update"), "the Update at the peer")
    assert peer.received("Update")[0]["name"] == "Corrected on the site"

    article.status = PublishingStatus.DRAFT
    article.save()
    eventually(lambda: peer.received("Delete"), "the Delete at the peer")
    assert not [e for e in peer.call("/_control/log") if e["kind"] == "inbox-error"]
