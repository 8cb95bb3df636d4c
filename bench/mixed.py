"""`make bench`'s mixed workload: readers over the whole site while it changes.

Readers (wrk with bench/mixed.lua) ask for every page of the data set, its
2,000 articles and every list, most of them for a few pages (a Zipf
distribution: home, the feed and the newest articles first), asking for gzip
as browsers do. They read for the same time twice: alone, and while one
comment a second is approved on a random article and two editors keep an
article open, their browsers calling the editor's own endpoints (presence
every 20 s, a draft saved every 30 s). Reported for both: the page cache's
hit ratio (a copy standing in while its page renders counts as a hit),
reads per second and latency. Then, with Varnish in front and the task
worker purging it as `make run` runs it, how long an edit takes to show.

Run alone with `python -m bench.mixed` (it builds the data set first).
"""

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.writers import Writers

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 16
# Each run of readers, alone and with writers: long enough for the editors'
# presence (every 20 s) and drafts (every 30 s) to count.
SECONDS = int(os.environ.get("BENCH_MIXED_SECONDS", "40"))
# Warming stops here (the most read pages come first), so a slow machine
# still finishes; pages left cold count as misses in both runs alike.
WARM_SECONDS = int(os.environ.get("BENCH_WARM_SECONDS", "240"))
ZIPF_EXPONENT = 1.0
# Past wrk's own 2 s, so that a slow answer counts in p99 rather than as none.
TIMEOUT_SECONDS = 10
EDITS = 5
EDIT_WAIT_SECONDS = 60
# What bench/mixed.lua counted of the page cache's answers.
COUNTED = re.compile(r"PAGECACHE hit=(\d+) stale=(\d+) miss=(\d+) other=(\d+)")


def measure(base):
    """The mixed workload against the site at ``base``, page cache on."""
    paths = addresses()
    started = time.monotonic()
    results = {"pages": len(paths), "warmed": warm(base, paths)}
    results["warm_seconds"] = time.monotonic() - started
    results["readers alone"] = readers(base, paths, SECONDS)
    with Writers(base) as writers:
        results["readers and writers"] = readers(base, paths, SECONDS)
    results["writes"] = writers.done
    results["edit_seconds"] = edit_latency(base)
    return results


def addresses():
    """Every page readers ask for, the most read first."""
    from articles.conf import settings
    from articles.models import Article, Series, Topic

    published = Article.objects.published()
    articles = [article.get_absolute_url() for article in published]
    lists = [
        collection.get_absolute_url()
        for model in (Topic, Series)
        for collection in model.objects.with_published_articles()
    ]
    lists += [f"/archive/{m['month']:%Y/%m}/" for m in published.months()]
    pages = -(-len(articles) // settings.ARTICLES_PER_PAGE)
    lists += [f"/articles/?page={number}" for number in range(2, pages + 1)]
    rest = lists + articles[20:]
    random.Random(2026).shuffle(rest)  # noqa: S311 - a reading order, not a secret
    first = ["/", "/feeds/rss/", "/articles/", "/topics/", "/series/", "/authors/"]
    return [*first, *articles[:20], *rest]


def warm(base, paths):
    """Every page read once, the most read first, so that both runs start
    from a full cache; how many were read before WARM_SECONDS ran out."""
    deadline = time.monotonic() + WARM_SECONDS

    def get(path):
        if time.monotonic() > deadline:
            return False
        _read(f"{base}{path}")
        return True

    with ThreadPoolExecutor(4) as pool:
        return sum(pool.map(get, paths))


def readers(base, paths, seconds):
    """wrk's figures, and the page cache's answers, for ``seconds`` of reads."""
    from bench.run import _ms, settle

    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(_lua("paths", (f'"{path}"' for path in paths)))
        script.write(_lua("cumulative", (f"{c:.9f}" for c in _zipf(len(paths)))))
        script.write((ROOT / "bench" / "mixed.lua").read_text())
        script.flush()
        command = [shutil.which("wrk"), "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s"]
        command += ["--timeout", f"{TIMEOUT_SECONDS}s"]
        output = subprocess.run(  # noqa: S603 - wrk with fixed arguments
            [*command, "--latency", "-s", script.name, base],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    settle(f"{base}/healthz")
    hits, stale, misses, other = map(int, COUNTED.search(output).groups())
    failures = re.search(r"Socket errors: ([^\n]+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50_ms": _ms(re.search(r"50%\s+([\d.]+\w+)", output)[1]),
        "p99_ms": _ms(re.search(r"99%\s+([\d.]+\w+)", output)[1]),
        # A page rendered and not stored (a change came during its render)
        # counts as a miss.
        "hit_ratio": (hits + stale) / max(1, hits + stale + misses + other),
        "hits": hits,
        "stale": stale,
        "misses": misses,
        "not cached": other,
        "no answer": sum(map(int, re.findall(r"\d+", failures[1]))) if failures else 0,
    }


def _zipf(count):
    """The cumulative share of reads of the first 1, 2, … ``count`` pages."""
    weights = [1 / rank**ZIPF_EXPONENT for rank in range(1, count + 1)]
    total, running = sum(weights), 0.0
    for weight in weights:
        running += weight / total
        yield running


def _lua(name, values):
    return f"{name} = {{{','.join(values)}}}\n"


def edit_latency(base):
    """Seconds from an editor's save until the change shows through Varnish,
    each of EDITS times (None: not within EDIT_WAIT_SECONDS); None without
    varnishd. A first edit, not counted, waits for the task worker to start."""
    if shutil.which("varnishd") is None:
        return None
    from django.test import override_settings

    from articles.models import Article
    from bench.run import task_worker
    from tests.servers import PURGE_SECRET, varnish

    article = Article.objects.published()[5]
    with (
        varnish(base.rsplit(":", 1)[1]) as node,
        task_worker(
            {
                "HTTP_CACHE_PURGE_URLS": f"{node}/",
                "HTTP_CACHE_PURGE_SECRET": PURGE_SECRET,
            }
        ) as worker,
    ):
        url = f"{node}{article.get_absolute_url()}"
        with override_settings(HTTP_CACHE_PURGE_URLS=[f"{node}/"]):
            return [
                _shows(url, article, f"Edited {number}: notes on the back end", worker)
                for number in range(EDITS + 1)
            ][1:]


def _shows(url, article, title, worker):
    """Seconds until ``url`` shows ``article`` saved with a new ``title``,
    which ``worker`` purges from Varnish."""
    _read(url), _read(url)  # in Varnish's memory
    article.title = title
    article.save()
    saved = time.monotonic()
    while title not in _read(url):
        if worker.poll() is not None:
            raise SystemExit("The task worker stopped; what it printed is above.")
        if time.monotonic() - saved > EDIT_WAIT_SECONDS:
            return None
        time.sleep(0.01)
    return time.monotonic() - saved


def _read(url):
    with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310 - loopback
        return answer.read().decode()


def markdown(results):
    """The mixed workload's table, its targets, and an edit's time through
    Varnish."""
    lines = [
        "",
        f"Mixed workload: {results['pages']} pages (Zipf, s={ZIPF_EXPONENT}), "
        f"{CONNECTIONS} connections, gzip, {SECONDS} s each; "
        f"{results['warmed']} pages warmed in {results['warm_seconds']:.0f} s. "
        "Writes during the second run: "
        + ", ".join(f"{count} {what}" for what, count in results["writes"].items())
        + ".",
        "",
        "| readers | reads/s | p50 ms | p99 ms | hit ratio | stale | misses | "
        "not cached | no answer | × alone, reads/s | × alone, p99 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    alone = results["readers alone"]
    for name in ("readers alone", "readers and writers"):
        row = results[name]
        lines.append(
            f"| {name} | {row['rps']:.0f} | {row['p50_ms']:.1f} | "
            f"{row['p99_ms']:.1f} | {row['hit_ratio']:.2%} | {row['stale']} | "
            f"{row['misses']} | {row['not cached']} | {row['no answer']} | "
            f"{row['rps'] / alone['rps']:.2f} | {row['p99_ms'] / alone['p99_ms']:.2f} |"
        )
    lines += ["", *_targets(results)]
    if results["edit_seconds"] is not None:
        times = ", ".join(
            "not within a minute" if second is None else f"{second:.2f}"
            for second in results["edit_seconds"]
        )
        lines += ["", f"An edit showing through Varnish, seconds: {times}."]
    return "\n".join(lines) + "\n"


def _targets(results):
    """Each target of the mixed workload, its figure and whether it is met."""
    alone, mixed = results["readers alone"], results["readers and writers"]
    figures = (
        ("hit ratio, readers and writers", mixed["hit_ratio"], ">=", 0.98),
        ("reads/s, × alone", mixed["rps"] / alone["rps"], ">=", 0.8),
        ("p99, × alone", mixed["p99_ms"] / alone["p99_ms"], "<=", 2.0),
    )
    lines = ["| target | figure | wanted | met |", "|---|---|---|---|"]
    for name, figure, sign, wanted in figures:
        met = figure >= wanted if sign == ">=" else figure <= wanted
        lines.append(
            f"| {name} | {figure:.3f} | {sign} {wanted} | {'yes' if met else 'no'} |"
        )
    return lines


def main():
    from bench import run

    run.setup_django(run.fresh_database("site_bench"))
    run.require("wrk", "apt-get install wrk")
    run.prepare()
    with run.gunicorn({"PAGE_CACHE": "on"}) as (base, _):
        results = measure(base)
    run.write("mixed", results, markdown(results))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
