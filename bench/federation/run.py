"""`make bench-federation`: one article delivered to 2,000 followers on 200
loopback inboxes while readers read, and the inbox under 64 connections.

The site runs as `make bench` serves it (gunicorn, page cache on) with its
task worker, on a database of its own holding the series. 200 servers listen
on loopback (bench/federation/inboxes.py): 190 of them with a shared inbox
for about ten followers each, 10 with one follower on a personal inbox.

1. Readers alone: wrk on an article page at 64 connections.
2. The same readers while an article is published: the worker delivers its
   Create and the site's boost to the 200 inboxes (400 signed POSTs). Reported:
   deliveries per second, the worker's peak memory, the readers' p99 and
   failed requests, beside the run without delivery.
3. The inbox: wrk posts a signed activity (draft-cavage, as most servers
   send) at 64 connections; each is answered 202 and queued.

Writes bench/results/federation.md and .json (git-ignored).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from bench.run import (
    ROOT,
    _ms,
    fresh_database,
    gunicorn,
    require,
    setup_django,
    task_worker,
    write,
    wrk,
)

FOLLOWERS, HOSTS, PERSONAL = 2000, 200, 10
READ_SECONDS = int(os.environ.get("BENCH_FEDERATION_SECONDS", "30"))
SETTINGS = "bench.federation.settings"


def main():
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    setup_django(fresh_database("site_bench_federation"))
    require("wrk", "apt-get install wrk")
    prepare()
    key = _key()
    env = {"FEDERATION_INBOX_RATE_LIMIT": str(10**9), "SITE_HANDLE": "bench"}
    with tempfile.TemporaryDirectory() as folder, inboxes(key, Path(folder)) as ports:
        add_followers(ports)
        with gunicorn(env) as (base, _):
            results = {"followers": FOLLOWERS, "inboxes": HOSTS, "rows": []}
            article = _article_path()
            for run, path in (("static file (ceiling)", _static_path()),
                              ("readers alone", article)):  # fmt: skip
                row = wrk(base, path, 64, seconds=READ_SECONDS)
                results["rows"].append({"run": run, **row})
            with task_worker({**env, "SITE_URL": base}) as process:
                row, delivery = readers_while_delivering(base, article, process)
            results["rows"].append({"run": "readers during delivery", **row})
            results["delivery"] = delivery
            results["inbox"] = inbox_posts(base, key, ports[0], Path(folder))
    write("federation", results, markdown(results))


def prepare():
    """The series, already on the fediverse before anyone followed: the one
    article published during the run is all the worker delivers."""
    from django.core.management import call_command
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable")
    call_command("collectstatic", interactive=False, verbosity=0)
    with override_settings(FEDERATION_ENABLED=False):
        call_command("import_articles", ROOT / "content" / "backend-intro", verbosity=0)
    # What the import queued (a vocabulary count per article saved, about a
    # minute each on a busy machine) is no part of the measure: dropped, so
    # that the worker meets the new article's tasks alone.
    DBTaskResult.objects.all().delete()


def _key():
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem(key):
    from cryptography.hazmat.primitives import serialization

    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


@contextmanager
def inboxes(key, folder):
    """The 200 servers; yields their ports."""
    (folder / "key.pem").write_bytes(_pem(key))
    files = [folder / "ports", folder / "key.pem", folder / "count"]
    process = subprocess.Popen(  # noqa: S603 - this interpreter, fixed module
        [
            sys.executable,
            "-m",
            "bench.federation.inboxes",
            *map(str, files),
            str(HOSTS),
        ],
        cwd=ROOT,
    )
    try:
        while not files[0].exists() or not files[0].read_text():
            time.sleep(0.1)
        yield [int(port) for port in files[0].read_text().split()]
    finally:
        process.terminate()
        process.wait(timeout=30)


def add_followers(ports):
    """2,000 followers of the site: most behind a shared inbox."""
    from federation.models import Follower, RemoteActor

    remotes = []
    shared_hosts = ports[: HOSTS - PERSONAL]
    for number in range(FOLLOWERS - PERSONAL):
        port = shared_hosts[number % len(shared_hosts)]
        uri = f"http://127.0.0.1:{port}/users/f{number}"
        remotes.append(
            RemoteActor(
                uri=uri,
                inbox=f"{uri}/inbox",
                shared_inbox=f"http://127.0.0.1:{port}/inbox",
            )
        )
    for port in ports[HOSTS - PERSONAL :]:
        uri = f"http://127.0.0.1:{port}/users/alone"
        remotes.append(RemoteActor(uri=uri, inbox=f"{uri}/inbox"))
    RemoteActor.objects.bulk_create(remotes)
    Follower.objects.bulk_create(
        Follower(actor="site", remote=remote) for remote in RemoteActor.objects.all()
    )


def _static_path():
    from django.contrib.staticfiles.storage import staticfiles_storage

    return staticfiles_storage.url("css/site.css")


def _article_path():
    from articles.models import Article

    return Article.objects.published().first().get_absolute_url()


def readers_while_delivering(base, path, process):
    """Publish one article; once its deliveries are queued (the worker may
    have other tasks first), wrk on ``path`` while the worker posts them.
    (row, delivery)."""
    from federation.models import Delivery

    started = publish()
    while not Delivery.objects.exists() and time.monotonic() - started < 600:
        time.sleep(0.2)
    found = {}
    readers = threading.Thread(
        target=lambda: found.update(wrk(base, path, 64, seconds=READ_SECONDS)),
        daemon=True,
    )
    readers.start()
    reading_from = time.monotonic()
    delivery = wait_for_deliveries(process, started)
    delivery["within_readers_run"] = (
        delivery["deliveries"] == 2 * HOSTS
        and time.monotonic() - reading_from < READ_SECONDS
    )
    readers.join()
    return found, delivery


def publish():
    """A new article, live at once; when it was saved (time.monotonic())."""
    from django.db import transaction
    from django.utils import timezone

    from articles.models import Article

    template = Article.objects.published().first()
    started = time.monotonic()
    with transaction.atomic():
        Article.objects.create(
            title="Delivered to everyone", slug="delivered-to-everyone",
            summary=template.summary, body=template.body, author=template.author,
            status="published", published_at=timezone.now(),
        )  # fmt: skip
    return started


def wait_for_deliveries(process, started):
    import psutil
    from django.db.models import Max, Min

    from federation.models import Delivery

    expected, peak = 2 * HOSTS, 0
    watched = psutil.Process(process.pid)
    delivered = Delivery.objects.filter(status=Delivery.Status.DELIVERED)
    while time.monotonic() - started < 600 and delivered.count() < expected:
        peak = max(peak, watched.memory_info().rss)
        time.sleep(0.2)
    seconds = time.monotonic() - started
    span = delivered.aggregate(first=Min("delivered_at"), last=Max("delivered_at"))
    posting = (span["last"] - span["first"]).total_seconds() if span["last"] else 0
    return {
        "deliveries": delivered.count(),
        "not_delivered": Delivery.objects.exclude(pk__in=delivered).count(),
        "seconds": round(seconds, 2),
        "posting_seconds": round(posting, 2),
        "per_second": round(delivered.count() / max(posting, 0.01), 1),
        "worker_peak_rss_mb": round(peak / 2**20, 1),
    }


WRK_POST = """
wrk.method = "POST"
wrk.body = %s
wrk.headers = %s
"""


def inbox_posts(base, key, port, folder):
    """wrk posting one signed activity to the shared inbox at 64 connections."""
    from federation import cavage

    actor = f"http://127.0.0.1:{port}/users/bench"
    activity = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{actor}/likes/1",
        "type": "Like",
        "actor": actor,
        "object": f"{base}{_article_path()}",
    }
    body = json.dumps(activity).encode()
    url = f"{base}/ap/inbox"
    headers = cavage.sign(
        method="POST", url=url, headers={"Content-Type": "application/activity+json"},
        body=body, key_id=f"{actor}#main-key", private_key=key,
    )  # fmt: skip
    lua = (
        "{"
        + ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items())
        + "}"
    )
    script = folder / "inbox.lua"
    script.write_text(WRK_POST % (json.dumps(body.decode()), lua))
    command = [
        "wrk",
        "-t2",
        "-c64",
        f"-d{READ_SECONDS}s",
        "--latency",
        "-s",
        str(script),
    ]
    output = subprocess.run(  # noqa: S603 - wrk with fixed arguments
        [*command, url], capture_output=True, text=True, check=True
    ).stdout

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99_ms": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def markdown(results):
    lines = [
        "| readers (64 connections) | req/s | p50 ms | p99 ms | failed |",
        "|---|---|---|---|---|",
    ]
    for row in results["rows"]:
        lines.append(
            f"| {row['run']} | {row['rps']:.0f} | {row['p50_ms']:.1f} | "
            f"{row['p99_ms']:.1f} | {row['errors']} |"
        )
    d, inbox = results["delivery"], results["inbox"]
    lines += [
        "",
        f"Delivery of one article to {results['followers']} followers on "
        f"{results['inboxes']} inboxes: {d['deliveries']} signed POSTs, the "
        f"last {d['seconds']} s after publishing; posted in "
        f"{d['posting_seconds']} s from first to last ({d['per_second']}/s), "
        f"{d['not_delivered']} not delivered; task worker peak RSS "
        f"{d['worker_peak_rss_mb']} MB; done while the readers read: "
        f"{'yes' if d['within_readers_run'] else 'no'}.",
        "",
        f"Inbox POST (signed, 64 connections): {inbox['rps']:.0f} req/s, p50 "
        f"{inbox['p50_ms']:.1f} ms, p99 {inbox['p99_ms']:.1f} ms, "
        f"{inbox['errors']} not 202.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
