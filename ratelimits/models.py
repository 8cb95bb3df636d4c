"""Counters of actions per key and time window, shared by every server.

The counter lives in PostgreSQL, which every app server already shares, and
is read and bumped in one ``INSERT … ON CONFLICT … RETURNING`` statement: a
burst of concurrent requests from one address is serialised on the row lock,
so it cannot slip past the limit the way a read-then-write on a cache can.
Keys are stored as keyed hashes (HMAC with the secret key), so the table
holds no address or email in clear.
"""

from django.db import connection, models
from django.utils.crypto import salted_hmac

# Rows whose window ended a day ago are deleted whenever a new window starts.
CONSUME = """
    WITH bumped AS (
        INSERT INTO ratelimits_counter (key, window_ends, count)
        VALUES (%(key)s, now() + make_interval(secs => %(window)s), 1)
        ON CONFLICT (key) DO UPDATE SET
            count = CASE WHEN ratelimits_counter.window_ends <= now()
                         THEN 1 ELSE ratelimits_counter.count + 1 END,
            window_ends = CASE WHEN ratelimits_counter.window_ends <= now()
                               THEN excluded.window_ends
                               ELSE ratelimits_counter.window_ends END
        RETURNING count
    ), pruned AS (
        DELETE FROM ratelimits_counter
        WHERE window_ends < now() - interval '1 day'
          AND (SELECT count FROM bumped) = 1
    )
    SELECT count FROM bumped
"""


class Counter(models.Model):
    key = models.CharField(max_length=64, primary_key=True)
    window_ends = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.count} until {self.window_ends:%Y-%m-%d %H:%M:%S}"


def consume(scope, subject, *, limit, window):
    """Count one action by ``subject`` in ``scope``; True while within ``limit``.

    ``window`` is in seconds; the count starts again when it ends. The action
    is counted whether or not it is allowed, so hammering does not reopen it.
    """
    key = salted_hmac(f"ratelimits:{scope}", str(subject).casefold()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute(CONSUME, {"key": key, "window": window})
        (count,) = cursor.fetchone()
    return count <= limit
