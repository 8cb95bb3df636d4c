"""The release step of a deployment: ``python deploy/release.py``.

Run once per deploy, before the new site and task worker start (compose.yaml's
``release`` service; docs/containers.md). It waits for the database to accept
connections (RELEASE_DATABASE_WAIT seconds, 60 by default), brings the schema
up to date, creates the cache table, and loads the series into a database
that has no articles yet.
"""

import os
import signal
import sys
import time
from pathlib import Path

import django
from django.core.management import call_command
from django.db import OperationalError, connection

ROOT = Path(__file__).resolve().parent.parent
SERIES = ROOT / "content" / "backend-intro"


def wait_for_database(seconds):
    deadline = time.monotonic() + seconds
    while True:
        try:
            connection.ensure_connection()
            return
        except OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def release():
    from articles.models import Article  # once Django is set up

    wait_for_database(int(os.environ.get("RELEASE_DATABASE_WAIT", "60")))
    call_command("migrate", interactive=False)
    call_command("createcachetable")
    if not Article.objects.exists():
        call_command("import_articles", SERIES)


def main():
    # A stop asked for ends the step; a migration under way rolls back with it.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    release()


if __name__ == "__main__":
    main()
