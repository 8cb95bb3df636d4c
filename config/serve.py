"""Prepare the database and static files, then serve the site with gunicorn.

Run by ``make run``. Without DATABASE_URL the settings start the embedded
PostgreSQL server in this process; gunicorn inherits its address, and the
server stops when this process exits (Ctrl-C stops everything).
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content" / "backend-intro"


def prepare():
    """Bring the schema and static files up to date; load the series if empty."""
    from articles.models import Article

    call_command("migrate", interactive=False, verbosity=1)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not Article.objects.exists():
        call_command("import_articles", CONTENT_DIR)


def announce(port):
    url = f"http://127.0.0.1:{port}"
    print(
        f"\n  Site:   {url}/\n"
        f"  Admin:  {url}/admin/\n"
        "  Create an editor login with:  .venv/bin/python manage.py createsuperuser\n"
        "  Press Ctrl-C to stop.\n",
        flush=True,
    )


def serve():
    port = os.environ.get("PORT", "8000")
    gunicorn = subprocess.Popen(  # noqa: S603 - fixed argument list
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(settings.BASE_DIR / "config" / "gunicorn.conf.py"),
        ],
        env={**os.environ, "PORT": port},
    )
    announce(port)
    try:
        return gunicorn.wait()
    except KeyboardInterrupt:
        # The terminal sent SIGINT to gunicorn too; let it finish its requests.
        gunicorn.send_signal(signal.SIGTERM)
        return gunicorn.wait()


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    prepare()
    sys.exit(serve())


if __name__ == "__main__":
    main()
