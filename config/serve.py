"""Prepare the database and static files, then serve the site with gunicorn.

Run by ``make run``. Without DATABASE_URL this process starts the embedded
PostgreSQL server; gunicorn inherits its address, and the server stops when
this process exits (Ctrl-C stops everything). Without EMAIL_URL, mail is
written to files under mail/ (the site refuses to print it, web/checks.py).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import django
import environ
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from database.embedded import ensure_database

ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "content" / "backend-intro"
MAIL_DIR = ROOT / "mail"


def prepare():
    """Bring the schema and static files up to date; load the series if empty."""
    from articles.models import Article

    call_command("migrate", interactive=False, verbosity=1)
    call_command("createcachetable")
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("apply_comment_retention")
    if not Article.objects.exists():
        call_command("import_articles", CONTENT_DIR)


def mail_to_files():
    """Unless EMAIL_URL is set (here or in .env, which `make` writes with
    one), keep mail in files under mail/: a newcomer reads it there, and the
    log stays free of it."""
    environ.Env.read_env(ROOT / ".env")
    # django-environ takes what follows filemail:/// as the path, minus a "/".
    os.environ.setdefault("EMAIL_URL", f"filemail:///{MAIL_DIR}")


def announce(port):
    url = f"http://127.0.0.1:{port}"
    mail = (
        f"  Mail:   kept in files in {settings.EMAIL_FILE_PATH}/, not sent (set "
        "EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.com:587, to send it)\n"
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend")
        else ""
    )
    print(
        f"\n  Site:   {url}/\n"
        f"  Admin:  {url}{reverse('admin:index')}\n"
        f"{mail}"
        "  Create an editor login with:  .venv/bin/python manage.py createsuperuser\n"
        "  Press Ctrl-C to stop.\n",
        flush=True,
    )


class Stopped(Exception):
    """SIGTERM: from a process manager, `kill` or a CI timeout."""


def _stop(signum, frame):
    raise Stopped


def serve():
    """Run gunicorn and the task worker until either stops, Ctrl-C or SIGTERM."""
    port = os.environ.get("PORT", "8000")
    gunicorn_conf = str(settings.BASE_DIR / "config" / "gunicorn.conf.py")
    children = [
        subprocess.Popen(  # noqa: S603 - fixed argument lists
            command, env={**os.environ, "PORT": port}
        )
        for command in (
            [sys.executable, "-m", "gunicorn", "--config", gunicorn_conf],
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay"],
        )
    ]
    announce(port)
    stopped = False
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except (KeyboardInterrupt, Stopped):
        stopped = True  # Ctrl-C reached the children too; SIGTERM only this process
    # gunicorn drains its requests and the task worker finishes its task.
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    codes = [child.wait() for child in children]
    # A stop asked for is a clean end, even for a child that Ctrl-C caught
    # still starting; a child that ended by itself gives its own code.
    return 0 if stopped else max(codes)


def main():
    # A normal exit, also on SIGTERM, so the embedded PostgreSQL started
    # below is stopped too (fast shutdown) and the next run finds it free.
    signal.signal(signal.SIGTERM, _stop)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    mail_to_files()
    try:
        ensure_database()
        django.setup()
        prepare()
    except Stopped:
        sys.exit(143)
    sys.exit(serve())


if __name__ == "__main__":
    main()
