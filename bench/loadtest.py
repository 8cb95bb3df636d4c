"""`make loadtest`: 2,000 comments from 32 concurrent clients, nothing lost or doubled.

Serves the site with gunicorn as production does, on loopback, behind a
pretend proxy: each post carries one of 400 reader addresses in
X-Forwarded-For, so the per-address limit (COMMENTS_RATE_LIMIT) refuses some.
One post in ten is sent twice, as a double click does, and one in twenty
lacks its email. Afterwards it checks, in the database, that every post the
site took (302) is stored exactly once, that nothing it refused (429) or
sent back with a form error (200) is stored, and that no request got a 5xx
or no answer. Bounded by LOADTEST_SECONDS (default 300); exits non-zero on
any failure. Writes bench/results/loadtest.md and .json.
"""

import os
import random
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor, wait

from bench.run import fresh_database, gunicorn, setup_django, signed_stamp, write
from tests.servers import NoRedirects

POSTS = 2_000
CLIENTS = 32
ADDRESSES = 400
DEADLINE = int(os.environ.get("LOADTEST_SECONDS", "300"))
ARTICLE = "what-the-back-end-is"


# A 302 is the answer: the comment was taken.
OPENER = urllib.request.build_opener(NoRedirects)


def main():
    setup_django(fresh_database("site_loadtest"))
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable")
    call_command("import_articles", "content/backend-intro", verbosity=0)
    env = {"USE_X_FORWARDED_FOR": "on", "COMMENTS_MIN_SECONDS": "0"}
    with gunicorn(env) as (base, _):
        started = time.monotonic()
        answers = send_all(base, posts())
        seconds = time.monotonic() - started
    report = check(answers, seconds)
    write("loadtest", {"answers": answers, "seconds": seconds}, report["text"])
    if report["failures"]:
        sys.exit("Load test failed: " + "; ".join(report["failures"]))


def posts():
    """Each post: (address, fields, times sent), in a fixed random order."""
    rng = random.Random(2026)  # noqa: S311 - a repeatable plan, not a secret
    addresses = [f"203.0.113.{n % 250 + 1}" for n in range(ADDRESSES // 2)] + [
        f"2001:db8::{n:x}" for n in range(ADDRESSES // 2)
    ]
    planned = []
    for number in range(POSTS):
        fields = {
            "name": f"Load Reader {number}",
            "email": f"load{number}@example.net",
            "body": f"Load test comment {number}: {rng.random()}",
        }
        if number % 20 == 7:
            del fields["email"]
        planned.append((rng.choice(addresses), fields, 2 if number % 10 == 3 else 1))
    return planned


def send_all(base, planned):
    stamp = urllib.parse.unquote(signed_stamp())
    url = f"{base}/articles/{ARTICLE}/comments/"
    with ThreadPoolExecutor(CLIENTS) as pool:
        futures = [
            pool.submit(send, url, base, address, {**fields, "timestamp": stamp}, times)
            for address, fields, times in planned
        ]
        done, not_done = wait(futures, timeout=DEADLINE)
        for future in not_done:
            future.cancel()
    return [future.result() for future in done]


def send(url, base, address, fields, times):
    """Send one comment ``times`` times from ``address``: its body and answers."""
    request = urllib.request.Request(  # noqa: S310 - loopback
        url,
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Origin": base, "X-Forwarded-For": address},
    )
    answers = []
    for _ in range(times):
        started = time.monotonic()
        try:
            with OPENER.open(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = None
        answers.append((status, time.monotonic() - started))
    return fields["body"], answers


def check(results, seconds):
    from comments.models import Comment

    stored = {}
    for body in Comment.objects.values_list("body", flat=True):
        stored[body] = stored.get(body, 0) + 1
    statuses = [status for _, answers in results for status, _ in answers]
    latencies = sorted(took for _, answers in results for _, took in answers)
    taken = {body for body, answers in results if 302 in dict(answers)}
    failures = []
    if len(results) < POSTS:
        failures.append(f"only {len(results)} of {POSTS} posts within {DEADLINE} s")
    if bad := [s for s in statuses if s is None or s >= 500]:
        failures.append(f"{len(bad)} requests got a 5xx or no answer")
    if doubled := [body for body in taken if stored.get(body) != 1]:
        failures.append(f"{len(doubled)} taken comments not stored exactly once")
    refused = {body for body, _ in results} - taken
    if leaked := [body for body in refused if body in stored]:
        failures.append(f"{len(leaked)} refused comments stored")
    text = "\n".join(
        [
            f"{len(results)} posts ({len(statuses)} requests, double clicks "
            f"included) from {CLIENTS} clients and {ADDRESSES} addresses in "
            f"{seconds:.1f} s: {len(statuses) / seconds:.0f} requests/s, "
            f"p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.0f} ms.",
            "",
            "| answer | requests |",
            "|---|---|",
            *(
                f"| {status} | {statuses.count(status)} |"
                for status in sorted(set(statuses), key=str)
            ),
            "",
            f"Taken and stored exactly once: {len(taken) - len(doubled)} of "
            f"{len(taken)}. Refused or sent back and not stored: "
            f"{len(refused) - len(leaked)} of {len(refused)}.",
            "Failures: " + ("; ".join(failures) if failures else "none") + ".",
        ]
    )
    return {"text": text + "\n", "failures": failures}


if __name__ == "__main__":
    main()
