"""Clients that send slowly cannot stop the site (docs/scaling.md, "Slow
clients").

gunicorn's sync workers give a request their whole attention from its first
byte, so they sit behind nginx (deploy/nginx/), which takes each request
whole, however slowly it comes, before gunicorn sees it. Here 40 clients on
loopback trickle request headers or a form's body a byte a second for 15
seconds, while a reader asks for pages nothing has cached, straight to nginx
or through Varnish: every page comes.
"""

import shutil
import socket
import threading
import time
import urllib.request
from contextlib import ExitStack, contextmanager

import pytest

from tests.servers import free_port, gunicorn, nginx, site_environment, varnish

pytestmark = pytest.mark.skipif(
    shutil.which("nginx") is None,
    reason="nginx is not installed (Debian package nginx-light; .ci/run installs it)",
)
SLOW_CLIENTS = 40  # twenty of each kind; the app server has two workers
TRICKLE_SECONDS = 15
SLOW_HEADERS = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
SLOW_BODY = (
    b"POST /subscribe/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\n"
    b"Content-Length: 1000\r\n\r\nemail="
)


def trickle(address, start, stop):
    """Send ``start``, then one byte a second until ``stop`` or the time is up."""
    deadline = time.monotonic() + TRICKLE_SECONDS
    try:
        with socket.create_connection(address, timeout=5) as sock:
            sock.sendall(start)
            while time.monotonic() < deadline and not stop.wait(1):
                sock.sendall(b"a")
    except OSError:
        pass  # the server gave up on this client: what it should do


@contextmanager
def slow_clients(base):
    host, port = base.removeprefix("http://").split(":")
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=trickle,
            args=((host, int(port)), SLOW_HEADERS if n % 2 else SLOW_BODY, stop),
        )
        for n in range(SLOW_CLIENTS)
    ]
    for thread in threads:
        thread.start()
    time.sleep(2)  # every one of them connected and under way
    try:
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=10)


def read_uncached_pages(base, seconds):
    """(status, seconds) of each search a reader makes during ``seconds``."""
    answers, deadline, n = [], time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        n += 1
        request = urllib.request.Request(  # noqa: S310 - loopback
            f"{base}/search/?q=slow{n}", headers={"Cookie": "reader=own"}
        )
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                answers.append((response.status, time.monotonic() - started))
        except OSError as error:
            answers.append((str(error), time.monotonic() - started))
    return answers


@pytest.fixture(scope="module")
def app_server(primary):
    env = site_environment(primary.url(), WEB_CONCURRENCY="2", PAGE_CACHE="off")
    with gunicorn(env):
        yield env["PORT"]


@pytest.mark.parametrize("through", ["nginx", "Varnish, then nginx"])
def test_a_reader_gets_every_page_while_forty_clients_trickle_requests(
    app_server, through
):
    with ExitStack() as stack:
        front = stack.enter_context(nginx(app_server))
        if through != "nginx":
            front = stack.enter_context(varnish(front.rpartition(":")[2], free_port()))
        stack.enter_context(slow_clients(front))

        answers = read_uncached_pages(front, seconds=10)

    assert len(answers) >= 10
    assert {status for status, _ in answers} == {200}, answers
