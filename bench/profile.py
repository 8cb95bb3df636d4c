"""`make profile`: where an uncached page's time goes, in one process.

Renders the pages of `make bench` with the page cache off through Django's
test client, on the bench data set (bench/dataset.py, built once into a
database of its own and kept; PROFILE_FRESH=1 builds it again), and prints
for each page: milliseconds per request, SQL queries and their share of the
time, template nodes rendered and reverse() calls per request, then the
functions that take the most time under cProfile. `make profile
PAGES="article sitemap"` profiles the pages whose names hold those words.

cProfile slows small calls more than large ones, so the shares it gives
(templates, SQL) lean towards the many small calls of template rendering;
the milliseconds without the profiler are the figures to compare.
"""

import cProfile
import io
import os
import pstats
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "site_profile"
REQUESTS = int(os.environ.get("PROFILE_REQUESTS", "50"))
TOP = int(os.environ.get("PROFILE_TOP", "25"))
# What the profile counts per request: (label, module file, function name).
COUNTED = (
    ("template nodes", "django/template/base.py", "render_annotated"),
    ("reverse()", "django/urls/base.py", "reverse"),
)
# Where the CPU time goes, per request: (label, module file, function name);
# templates include the queries they run.
TIMED = (
    ("templates", "django/template/backends/django.py", "render"),
    ("SQL (build, run, read)", "django/db/models/sql/compiler.py", "execute_sql"),
    ("rows to objects", "django/db/models/base.py", "from_db"),
    ("reverse()", "django/urls/base.py", "reverse"),
)


def main(words):
    from bench.run import POST, pages, setup_django

    setup_django(_database())
    for name, path in pages().items():
        if name != POST and (not words or any(word in name for word in words)):
            report(name, path)


def _database():
    """The profile's database, with the data set built on first use."""
    from bench.run import database_url, fresh_database

    if _built(database_url(DATABASE)) and not os.environ.get("PROFILE_FRESH"):
        os.environ["PROFILE_BUILT"] = "1"
        return database_url(DATABASE)
    return fresh_database(DATABASE)


def _built(url):
    """Whether the database at ``url`` holds the whole data set."""
    import psycopg

    from bench.dataset import ARTICLES

    try:
        with psycopg.connect(url) as conn:
            table = conn.execute("SELECT to_regclass('articles_article')").fetchone()
            if table[0] is None:
                return False
            rows = conn.execute("SELECT count(*) FROM articles_article").fetchone()
    except psycopg.OperationalError:
        return False  # no such database yet
    return rows[0] >= ARTICLES


def report(name, path):
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    _build_once()
    client = Client(HTTP_HOST="127.0.0.1")
    get = partial(_get, client, path)
    with override_settings(PAGE_CACHE=False):
        get()  # warm: templates compiled, the connection open
        with CaptureQueriesContext(connection) as captured:
            get()
        # Read now: the next request empties the connection's query log.
        queries = len(captured)
        sql_ms = sum(float(query["time"]) for query in captured) * 1000
        started, cpu = time.perf_counter(), time.process_time()
        for _ in range(REQUESTS):
            get()
        ms = (time.perf_counter() - started) * 1000 / REQUESTS
        cpu_ms = (time.process_time() - cpu) * 1000 / REQUESTS
        # This process's CPU time only: a busy machine (or the database's
        # own work) does not blur where Python spends its time.
        profile = cProfile.Profile(time.process_time)
        profile.runcall(lambda: [get() for _ in range(REQUESTS)])
    stats = pstats.Stats(profile)
    # Function calls do not vary with the machine's load, as times do.
    counts = ", ".join(
        [f"{stats.total_calls / REQUESTS:,.0f} function calls"]
        + [
            f"{_calls(stats, file, function) / REQUESTS:.0f} {label}"
            for label, file, function in COUNTED
        ]
    )
    print(
        f"\n## {name} ({path}): {ms:.1f} ms per request ({cpu_ms:.1f} ms of "
        f"CPU in this process), {queries} queries "
        f"({sql_ms:.1f} ms with DEBUG's timing), {counts}\n",
        flush=True,
    )
    # Shares of the profiled time, applied to the time measured without the
    # profiler (which slows every call down).
    total = _cumulative(stats, "django/test/client.py", "request")
    shares = ", ".join(
        f"{label} {share:.0%} ({share * cpu_ms:.1f} ms)"
        for label, file, function in TIMED
        if (share := _cumulative(stats, file, function) / total)
    )
    print(f"Of the CPU time: {shares}\n", flush=True)
    print(_top(stats), flush=True)


def _build_once():
    from bench.run import build_site

    if not os.environ.get("PROFILE_BUILT"):
        build_site()
        os.environ["PROFILE_BUILT"] = "1"


def _get(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)  # noqa: S101
    return response


def _calls(stats, file, function):
    return sum(
        calls
        for (path, _, name), (_, calls, *_rest) in stats.stats.items()
        if name == function and path.endswith(file)
    )


def _cumulative(stats, file, function):
    """Seconds in ``function`` and what it calls, counted once where it
    calls itself (a template rendering another)."""
    outermost = 0.0
    for (path, _, name), (*_, callers) in stats.stats.items():
        if name != function or not path.endswith(file):
            continue
        for (caller_path, _, caller_name), timing in callers.items():
            if caller_name == function and caller_path.endswith(file):
                continue
            outermost += timing[3]
    return outermost


def _top(stats):
    """The functions with the most time of their own, over all the requests."""
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("tottime").print_stats(TOP)
    lines = out.getvalue().splitlines()
    start = next(n for n, line in enumerate(lines) if "ncalls" in line)
    return "\n".join(lines[start:])


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1:])
