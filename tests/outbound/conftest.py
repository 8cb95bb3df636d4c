"""Other hosts for the outbound client to talk to, all on loopback, and host
names of the tests' own."""

import http.server
import shutil
import socket
import ssl
import subprocess
import threading
import time
from contextlib import contextmanager, suppress
from types import SimpleNamespace

import pytest

# An answer that sends its status line and then one byte every 50 ms for five
# seconds: each wait is short, only the whole is slow.
DRIP = object()


class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers from the server's ``routes`` ({path: (status, headers, body)},
    the body bytes or an iterable of chunks sent without a length) and notes
    every request it gets."""

    def answer(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append(
            SimpleNamespace(
                method=self.command, path=self.path, headers=self.headers, body=body
            )
        )
        route = self.server.routes.get(self.path, (404, {}, b""))
        # The client may give up first, as it should with a slow or large answer.
        with suppress(BrokenPipeError, ConnectionResetError):
            self.drip() if route is DRIP else self.send(*route)

    do_GET = do_HEAD = do_POST = do_PURGE = answer

    def send(self, status, headers, body):
        self.send_response(status)
        if isinstance(body, bytes):
            headers = {"Content-Length": len(body), **headers}
        for name, value in headers.items():
            self.send_header(name, str(value))
        self.end_headers()
        if self.command != "HEAD":
            for chunk in [body] if isinstance(body, bytes) else body:
                self.wfile.write(chunk)

    def drip(self):
        self.wfile.write(b"HTTP/1.0 200 OK\r\nX-Drip: ")
        for _ in range(100):
            time.sleep(0.05)
            self.wfile.write(b"x")

    def log_message(self, *args):
        pass


@contextmanager
def other_host(routes, *, tls=None):
    """An HTTP server on 127.0.0.1 (HTTPS with ``tls``, an SSLContext); yields
    its url, port and the requests it has seen."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.routes, server.seen = routes, []
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    scheme = "https" if tls else "http"
    try:
        yield SimpleNamespace(
            url=f"{scheme}://127.0.0.1:{port}", port=port, seen=server.seen
        )
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def loopback_allowed(settings):
    """The test-only switch: the other hosts of these tests are on loopback."""
    settings.OUTBOUND_ALLOW_LOOPBACK = True


@pytest.fixture
def resolver(monkeypatch):
    """Host names of the tests' own. ``names[name]`` lists the answers of
    successive look-ups (the last one repeats), each a tuple of addresses."""
    real = socket.getaddrinfo
    names, lookups = {}, []

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in names:
            return real(host, port, *args, **kwargs)
        lookups.append(host)
        answers = names[host]
        addresses = answers.pop(0) if len(answers) > 1 else answers[0]
        return [info for a in addresses for info in real(a, port, *args, **kwargs)]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return SimpleNamespace(names=names, lookups=lookups)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    """certificates(name): paths of a self-signed certificate for ``name``
    and of its key, made with the openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is not installed")
    directory = tmp_path_factory.mktemp("tls")

    def make(name):
        cert, key = directory / f"{name}.pem", directory / f"{name}.key"
        subprocess.run(  # noqa: S603 - the system's openssl, fixed arguments
            [
                openssl, "req", "-x509", "-newkey", "ec", "-nodes", "-days", "1",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-subj", f"/CN={name}",
                "-addext", f"subjectAltName=DNS:{name}",
                "-keyout", key, "-out", cert,
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )  # fmt: skip
        return cert, key

    return make


def tls_context(cert, key, *, names_seen):
    """A server's TLS context that notes the host names clients ask for (SNI)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names_seen.append(name)
    return context
