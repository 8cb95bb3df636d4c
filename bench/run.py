"""Speed and memory benchmark: `make bench`.

Serves the site with gunicorn on loopback, as `make run` does, sends a bounded
number of requests to its main pages and reports throughput, latency and the
memory of the workers, for each way of holding database connections. Exits
non-zero when the default configuration misses a target.
"""

import os
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "400"))
CLIENTS = 4
LATENCY_REQUESTS = 100
PAGES = {
    "home": "/",
    "article": "/articles/data-and-databases/",
    "list": "/articles/",
    "search": "/search/?q=index",
    "feed": "/feeds/atom/",
}
MODES = {
    "persistent (default)": {"DATABASE_CONN_MAX_AGE": "600"},
    "new connection per request": {"DATABASE_CONN_MAX_AGE": "0"},
    "psycopg pool": {"DATABASE_POOL": "on"},
}
# Regression guards for the default mode on a 2-core machine, with headroom
# over what an article page with its comment form and JSON-LD measures today.
TARGETS = {"article_p95_ms": 35, "article_rps": 80, "worker_rss_mb": 120}


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
        response.read()
    return (time.perf_counter() - started) * 1000


def measure(path):
    """Latency of one reader at a time, then throughput under concurrent load."""
    url = f"http://127.0.0.1:{PORT}{path}"
    latencies = sorted(fetch(url) for _ in range(LATENCY_REQUESTS))
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(fetch, [url] * REQUESTS))
    elapsed = time.perf_counter() - started
    return {
        "rps": REQUESTS / elapsed,
        "p50_ms": statistics.median(latencies),
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1],
    }


def worker_rss_mb(master):
    import psutil

    workers = psutil.Process(master.pid).children()
    return max(worker.memory_info().rss for worker in workers) / 2**20


@contextmanager
def running_site(extra_env):
    """gunicorn serving the site on loopback, as `make run` does, until exit."""
    env = {
        **os.environ,
        **extra_env,
        "PORT": str(PORT),
        "WEB_CONCURRENCY": str(WORKERS),
    }
    env["GUNICORN_CMD_ARGS"] = "--access-logfile /dev/null"
    master = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up()
        yield master
    finally:
        master.terminate()
        master.wait(timeout=30)


def run_mode(extra_env):
    with running_site(extra_env) as master:
        results = {name: measure(path) for name, path in PAGES.items()}
        results["rss"] = worker_rss_mb(master)
        return results


def wait_until_up():
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            fetch(f"http://127.0.0.1:{PORT}/healthz")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def report(mode, results):
    print(
        f"\n{mode}: {WORKERS} workers; latency of {LATENCY_REQUESTS} sequential "
        f"requests, throughput of {REQUESTS} from {CLIENTS} concurrent clients"
    )
    print(f"  {'page':<10}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}")
    for name in PAGES:
        r = results[name]
        print(f"  {name:<10}{r['rps']:>8.0f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}")
    print(f"  largest worker RSS: {results['rss']:.0f} MB")


def missed_targets(results):
    article = results["article"]
    checks = {
        "article_p95_ms": article["p95_ms"] <= TARGETS["article_p95_ms"],
        "article_rps": article["rps"] >= TARGETS["article_rps"],
        "worker_rss_mb": results["rss"] <= TARGETS["worker_rss_mb"],
    }
    return [name for name, ok in checks.items() if not ok]


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from config.serve import prepare

    prepare()
    all_results = {mode: run_mode(env) for mode, env in MODES.items()}
    for mode, results in all_results.items():
        report(mode, results)
    missed = missed_targets(all_results["persistent (default)"])
    print(f"\nTargets {TARGETS}: {'missed ' + ', '.join(missed) if missed else 'met'}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
