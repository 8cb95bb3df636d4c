"""`make bench`: the site's pages against what serving a static file costs.

Builds the data set of bench/dataset.py in a database of its own, serves the
site exactly as production does (gunicorn with config/gunicorn.conf.py,
whitenoise, DEBUG off) and drives each page with wrk at 8 and 64
connections, with the page cache on and off. In the same run it measures two
ceilings: the article's HTML as a static file through the same gunicorn and
whitenoise, and from nginx when nginx is installed. With varnishd installed,
the cached pages are also read through Varnish (deploy/varnish/) in front.
Then readers spread over the whole site, alone and while it changes
(bench/mixed.py).
Every figure is also a ratio to those ceilings, which survive a noisy
machine better than absolute numbers. Writes bench/results/latest.md and
.json (git-ignored).
"""

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bench import beacon

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
# BENCH_CONNECTIONS="8" and BENCH_CACHE="off" run a part of the bench: the
# uncached pages at 8 connections, say, beside the same ceilings.
CONNECTIONS = tuple(int(c) for c in os.environ.get("BENCH_CONNECTIONS", "8 64").split())
CACHE_MODES = tuple(os.environ.get("BENCH_CACHE", "on off").split())
POST = "comment POST"
CEILING_PATH = "/static/bench/article.html"
# The pages a cache in front serves to most readers.
CACHED_PAGES = ("home", "article", "article, 300 comments", "topic", "rss")


def pages():
    from bench.dataset import BUSY_SLUG, PLAIN_SLUG

    return {
        "home": "/",
        "article": f"/articles/{PLAIN_SLUG}/",
        "article, 300 comments": f"/articles/{BUSY_SLUG}/",
        "topic": "/topics/topic-3/",
        "search": "/search/?q=cache+index",
        "sitemap index": "/sitemap.xml",
        "sitemap section": "/sitemap-articles.xml",
        "rss": "/feeds/rss/",
        POST: f"/articles/{PLAIN_SLUG}/comments/",
    }


def main():
    from bench import mixed

    setup_django(fresh_database("site_bench"))
    require("wrk", "apt-get install wrk")
    prepare()
    facts = page_facts() | beacon.facts(pages()["article"])
    results = {"machine": machine(), "facts": facts, "rows": []}
    for cache in CACHE_MODES:
        env = {"PAGE_CACHE": cache, "COMMENTS_RATE_LIMIT": str(10**9)}
        with gunicorn(env) as (base, master):
            for name, path in pages().items():
                for connections in CONNECTIONS:
                    row = wrk(base, path, connections, post=name == POST)
                    results["rows"].append(
                        {"page": name, "cache": cache, **row, "c": connections}
                    )
            if "ceilings" not in results:
                results["ceilings"] = {
                    f"static via gunicorn, c={c}": wrk(base, CEILING_PATH, c)
                    for c in CONNECTIONS
                }
            if cache == "on":
                results["rows"] += beacon.rows(base, pages()["article"])
                results["rows"] += varnish_rows(base)
                results["mixed"] = mixed.measure(base)
            results[f"worker_rss_mb_cache_{cache}"] = worker_rss_mb(master)
    results["ceilings"].update(nginx_ceilings())
    table = markdown(results)
    if "mixed" in results:  # measured with the page cache on
        table += mixed.markdown(results["mixed"])
    write("latest", results, table)


def setup_django(database_url):
    """Django on ``database_url``, for this process and the servers it starts."""
    import django

    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")  # no line per request
    os.environ.setdefault("EMAIL_URL", "dummymail://")  # the servers send no mail
    django.setup()


def fresh_database(name):
    """An empty database ``name`` on the configured (or embedded) server."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        ident = sql.Identifier(name)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(ident))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(ident))
    return database_url(name)


def database_url(name):
    """The URL of database ``name`` on the configured (or embedded) server."""
    from database.embedded import ensure_database

    ensure_database()
    url = os.environ["DATABASE_URL"]
    return re.sub(r"/[^/?]*(\?|$)", rf"/{name}\1", url, count=1)


def require(program, how):
    if shutil.which(program) is None:
        raise SystemExit(f"{program} is not installed: {how}")


def prepare():
    from django.conf import settings

    build_site()
    ceiling = Path(settings.STATIC_ROOT) / "bench" / "article.html"
    ceiling.parent.mkdir(exist_ok=True)
    ceiling.write_bytes(rendered(pages()["article"]).content)


def build_site():
    """Tables, static files and the data set, in the configured database."""
    from django.core.management import call_command

    from bench import dataset

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable")
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.monotonic()
    dataset.build()
    print(f"Data set built in {time.monotonic() - started:.0f} s.", flush=True)


def rendered(path, **settings_overrides):
    from django.test import Client, override_settings

    with override_settings(**settings_overrides):
        return Client().get(path, HTTP_HOST="127.0.0.1")


def page_facts():
    """SQL queries per request (cache off, and a cache hit), and sizes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    facts = {}
    for name, path in pages().items():
        if name == POST:
            continue
        counts = []
        for cache in (False, True, True):  # off; on and filled; on, a hit
            with CaptureQueriesContext(connection) as queries:
                response = rendered(path, PAGE_CACHE=cache)
            counts.append(len(queries))
        facts[name] = {
            "queries_cache_off": counts[0],
            "queries_cache_hit": counts[2],
            "bytes": len(response.content),
            "gzip_bytes": len(gzip.compress(response.content)),
        }
    return facts


@contextmanager
def gunicorn(extra_env):
    from tests.servers import free_port, wait_until

    port = free_port()
    env = {
        **os.environ,
        **extra_env,
        "PORT": str(port),
        "SITE_URL": f"http://127.0.0.1:{port}",
    }
    RESULTS.mkdir(exist_ok=True)
    log = (RESULTS / "gunicorn.log").open("a")
    master = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(f"{base}/healthz"), timeout=120, what="gunicorn")
        yield base, master
    finally:
        master.terminate()
        master.wait(timeout=30)
        log.close()


def _answers(url):
    import urllib.request

    try:
        urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback
    except OSError:
        return False
    return True


@contextmanager
def task_worker(extra_env):
    """`manage.py db_worker` as `make run` starts it, with ``extra_env``; its
    warnings and errors go to this run's output."""
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay"],
        cwd=ROOT,
        env={**os.environ, **extra_env},
        stdout=subprocess.DEVNULL,
    )
    try:
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=60)


POST_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
request = function()
  local body = "name=Bench+Reader&email=bench%%40example.net&timestamp=%s"
    .. "&body=A+benchmark+comment+" .. math.random(1, 1000000000000)
  return wrk.format(nil, nil, nil, body)
end
"""


def wrk(base, path, connections, *, post=False, gzip=False, seconds=None):
    """requests/s and latency percentiles of one page, from wrk.

    Waits for the server to finish what the run left queued, so that one
    row's backlog does not count against the next.
    """
    seconds = seconds or SECONDS
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if gzip:
        command += ["-H", "Accept-Encoding: gzip"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if post:
            script.write(POST_SCRIPT % signed_stamp())
            script.flush()
            command += ["-s", script.name]
        output = subprocess.run(  # noqa: S603 - wrk with fixed arguments
            [*command, f"{base}{path}"], capture_output=True, text=True, check=True
        ).stdout
    settle(f"{base}/healthz")
    # Error answers, and requests that got none: refused, cut or timed out.
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    failures = re.search(r"Socket errors: ([^\n]+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99_ms": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(map(int, re.findall(r"\d+", failures.group(1)))) if failures else 0),
    }


def settle(url):
    """Wait (up to a minute) until ``url`` answers within a second again:
    the server has worked through its queue."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        started = time.monotonic()
        _answers(url)
        if time.monotonic() - started < 1:
            return


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def signed_stamp():
    from datetime import timedelta
    from urllib.parse import quote

    from django.utils import timezone

    from comments.moderation import sign_timestamp

    stamp = sign_timestamp(served=timezone.now() - timedelta(minutes=1))
    return quote(stamp)


def varnish_rows(base):
    """The cached pages through a Varnish node in front of the site, asked
    for gzip as browsers do (Varnish keeps pages compressed)."""
    if shutil.which("varnishd") is None:
        print("varnishd is not installed: no Varnish rows (apt-get install varnish)")
        return []
    from tests.servers import varnish

    rows = []
    with varnish(base.rsplit(":", 1)[1]) as node:
        for name in CACHED_PAGES:
            path = pages()[name]
            for connections in CONNECTIONS:
                row = wrk(node, path, connections, gzip=True)
                rows.append(
                    {"page": name, "cache": "varnish, gzip", **row, "c": connections}
                )
    return rows


def worker_rss_mb(master):
    import psutil

    workers = psutil.Process(master.pid).children()
    return max(worker.memory_info().rss for worker in workers) / 2**20


def nginx_ceilings():
    """The article's HTML from nginx: the machine's own limit for this file."""
    if shutil.which("nginx") is None:
        print("nginx is not installed: no nginx ceiling (apt-get install nginx-light)")
        return {}
    from django.conf import settings

    from tests.servers import free_port, wait_until

    directory = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    directory.chmod(0o755)
    html = (Path(settings.STATIC_ROOT) / "bench" / "article.html").read_bytes()
    (directory / "article.html").write_bytes(html)
    (directory / "article.html.gz").write_bytes(gzip.compress(html))
    for path in directory.glob("article.*"):
        path.chmod(0o644)
    port = free_port()
    (directory / "nginx.conf").write_text(
        f"worker_processes 2; daemon off; pid {directory}/nginx.pid;\n"
        f"error_log {directory}/error.log;\n"
        "events { worker_connections 1024; }\n"
        f"http {{ access_log off; gzip_static on; "
        f"server {{ listen 127.0.0.1:{port}; root {directory}; }} }}\n"
    )
    nginx = subprocess.Popen(  # noqa: S603 - the system's nginx, fixed arguments
        [shutil.which("nginx"), "-c", str(directory / "nginx.conf")],
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(f"{base}/article.html"), what="nginx")
        return {
            f"nginx{', gzip' if zipped else ''}, c={c}": wrk(
                base, "/article.html", c, gzip=zipped
            )
            for zipped in (False, True)
            for c in CONNECTIONS
        }
    finally:
        nginx.terminate()
        nginx.wait(timeout=30)
        shutil.rmtree(directory, ignore_errors=True)


def machine():
    import platform

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "seconds_per_run": SECONDS,
        "wrk": "2 threads",
    }


def write(name, results, table):
    """bench/results/<name>.json and .md, and the table on the screen."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2))
    (RESULTS / f"{name}.md").write_text(table)
    print(table)


def markdown(results):
    ceilings = results["ceilings"]
    lines = [
        "| page | cache | conns | req/s | p50 ms | p99 ms | errors | "
        "× static via gunicorn | × nginx (gzip rows: × nginx, gzip) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results["rows"]:
        static = ceilings[f"static via gunicorn, c={row['c']}"]["rps"]
        zipped = ", gzip" if row["cache"].endswith("gzip") else ""
        nginx = ceilings.get(f"nginx{zipped}, c={row['c']}", {}).get("rps")
        to_nginx = f"{row['rps'] / nginx:.3f}" if nginx else "–"
        lines.append(
            f"| {row['page']} | {row['cache']} | {row['c']} | {row['rps']:.0f} | "
            f"{row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {row['errors']} | "
            f"{row['rps'] / static:.2f} | {to_nginx} |"
        )
    lines += ["", "| ceiling | req/s | p50 ms | p99 ms |", "|---|---|---|---|"]
    for name, row in ceilings.items():
        lines.append(
            f"| {name} | {row['rps']:.0f} | {row['p50_ms']:.2f} | {row['p99_ms']:.2f} |"
        )
    lines += [
        "",
        "| page | SQL, cache off | SQL, cache hit | HTML bytes | gzip bytes |",
        "|---|---|---|---|---|",
    ]
    for name, fact in results["facts"].items():
        lines.append(
            f"| {name} | {fact['queries_cache_off']} | {fact['queries_cache_hit']} | "
            f"{fact['bytes']} | {fact['gzip_bytes']} |"
        )
    rss = [
        f"{results[f'worker_rss_mb_cache_{cache}']:.0f} MB with the page cache {cache}"
        for cache in ("on", "off")
        if f"worker_rss_mb_cache_{cache}" in results
    ]
    lines += ["", f"Largest worker RSS: {', '.join(rss)}."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
