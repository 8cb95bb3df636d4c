"""The beacon's rows of `make bench`: a page reporting its view to /count
(analytics/), driven like the pages and compared with the same static file
through the same gunicorn (the target: at least half its rate), and the SQL
queries one beacon costs (the target: none).

`python -m bench.beacon` measures these alone, on the series of
content/backend-intro in a database of its own.
"""

import re
import subprocess
import tempfile
from pathlib import Path

from bench import run

NAME = "beacon POST"
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
# One reader's view of the article, as static/js/count.js sends it.
SCRIPT = f"""
wrk.method = "POST"
wrk.body = "e=v&p=%s"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
wrk.headers["User-Agent"] = "{BROWSER}"
"""


def rows(base, path):
    """A row per connection count of views of ``path``, in `make bench`'s table."""
    found = []
    for connections in run.CONNECTIONS:
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(SCRIPT % path)
            script.flush()
            output = subprocess.run(  # noqa: S603 - wrk with fixed arguments
                [
                    *("wrk", "-t2", f"-c{connections}", f"-d{run.SECONDS}s"),
                    *("--latency", "-s", script.name, f"{base}/count"),
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        run.settle(f"{base}/healthz")
        row = {"page": NAME, "cache": "on", **_figures(output), "c": connections}
        found.append(row)
    return found


def _figures(output):
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": run._ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99_ms": run._ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def facts(path):
    """SQL queries of one beacon, after the worker's first of the day."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"User-Agent": BROWSER, "Sec-Fetch-Site": "same-origin"})
    body = {"e": "v", "p": path}
    client.post("/count", body, HTTP_HOST="127.0.0.1")  # the day's salt, once
    with CaptureQueriesContext(connection) as queries:
        client.post("/count", body, HTTP_HOST="127.0.0.1")
    count = len(queries)
    return {NAME: {"queries_cache_off": count, "queries_cache_hit": count,
                   "bytes": 0, "gzip_bytes": 0}}  # fmt: skip


def main():
    from django.conf import settings
    from django.core.management import call_command

    run.setup_django(run.fresh_database("site_bench_beacon"))
    run.require("wrk", "apt-get install wrk")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable")
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("import_articles", "content/backend-intro", verbosity=0)
    path = "/articles/data-and-databases/"
    ceiling = Path(settings.STATIC_ROOT) / "bench" / "article.html"
    ceiling.parent.mkdir(exist_ok=True)
    ceiling.write_bytes(run.rendered(path).content)
    results = {"facts": facts(path), "ceilings": {}, "rows": []}
    with run.gunicorn({"PAGE_CACHE": "on"}) as (base, _):
        for connections in run.CONNECTIONS:
            name = f"static via gunicorn, c={connections}"
            results["ceilings"][name] = run.wrk(base, run.CEILING_PATH, connections)
        results["rows"] = rows(base, path)
    table = run.markdown({**results, "worker_rss_mb_cache_on": 0,
                          "worker_rss_mb_cache_off": 0})  # fmt: skip
    run.write("beacon", results, table)


if __name__ == "__main__":
    main()
