"""Read replicas: anonymous page reads go to a replica that has caught up.

A replica answers a request only when it has replayed every write the primary
had flushed when the request's first read came: one ``pg_current_wal_flush_lsn``
on the primary, one ``pg_last_wal_replay_lsn`` on the replica. So a reader
never sees an older site than the primary holds, a commenter sees their own
comment on the very next page, and a page stored in the shared page cache is
never older than the invalidation that emptied its slot. A replica that lags
or is down is passed over by itself, and the primary answers.

Writes, logged-in staff (the admin), other methods than GET and HEAD, work
outside a request (the task worker, commands), and the tables that must be
read where they are written (cache, sessions, rate limits, tasks) always use
the primary.
"""

import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

# Read where written: the database cache, sessions, rate limits and the queue.
PRIMARY_ONLY = {"django_cache", "sessions", "ratelimits", "django_tasks_database"}

_request_reads = ContextVar("replica_reads", default=None)
_down_until = {}  # alias → monotonic time before which it is not tried again


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        reads = _request_reads.get()
        if reads is None or model._meta.app_label in PRIMARY_ONLY:
            return DEFAULT_DB_ALIAS
        return reads.alias()

    def db_for_write(self, model, **hints):
        reads = _request_reads.get()
        if reads is not None:
            reads.wrote()  # read this request's own writes back from the primary
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS


class _RequestReads:
    """Where one request reads from, chosen at its first read."""

    def __init__(self):
        self._alias = None

    def alias(self):
        if self._alias is None:
            self._alias = caught_up_replica() or DEFAULT_DB_ALIAS
        return self._alias

    def wrote(self):
        self._alias = DEFAULT_DB_ALIAS


def caught_up_replica():
    """A replica that has replayed all the primary has flushed, or None."""
    candidates = [
        alias
        for alias in settings.DATABASE_REPLICAS
        if _down_until.get(alias, 0) <= time.monotonic()
    ]
    if not candidates:
        return None
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_flush_lsn()")
        (flushed,) = cursor.fetchone()
    random.shuffle(candidates)
    for alias in candidates:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute(
                    "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [flushed]
                )
                (caught_up,) = cursor.fetchone()
        except DatabaseError:
            connections[alias].close()
            _down_until[alias] = time.monotonic() + settings.DATABASE_REPLICA_RETRY
            continue
        if caught_up:
            return alias
    return None


class ReplicaMiddleware:
    """Let anonymous GET and HEAD requests read from a caught-up replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_replica(request):
            return self.get_response(request)
        token = _request_reads.set(_RequestReads())
        try:
            return self.get_response(request)
        finally:
            _request_reads.reset(token)

    @staticmethod
    def _may_use_replica(request):
        # Sessions belong to staff only: the admin and previews read the primary.
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
