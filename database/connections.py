"""How the site connects to PostgreSQL: the settings of each database alias."""

import environ

env = environ.Env()


def connection_settings(url):
    """One database alias of DATABASES from a URL (DATABASE_URL, or a
    replica's), with how the site connects to it."""
    config = env.db_url_config(url)
    # Parameters travel apart from the SQL (the extended protocol, unnamed
    # statements). Django leaves psycopg's named prepared statements off
    # (prepare_threshold None), which is also what PgBouncer needs.
    config.setdefault("OPTIONS", {})["server_side_binding"] = True
    # A database that does not answer fails the request within seconds (a
    # 503, web/errors.py), not when the operating system gives up.
    config["OPTIONS"].setdefault("connect_timeout", 5)
    # Persistent connections with a health check before reuse: gunicorn's sync
    # workers serve one request at a time, so each keeps one connection open.
    # DATABASE_POOL=on switches to psycopg's pool instead (see docs/settings.md,
    # "Database connections", for the measurements behind the default).
    if env.bool("DATABASE_POOL", default=False):
        config["OPTIONS"]["pool"] = {"min_size": 1, "max_size": 4}
    else:
        config["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=600)
        config["CONN_HEALTH_CHECKS"] = True
    # Behind PgBouncer in transaction mode a server connection changes hands
    # between transactions, so no server-side cursor (QuerySet.iterator())
    # may outlive one.
    if env.bool("DATABASE_TRANSACTION_POOLING", default=False):
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
    return config
