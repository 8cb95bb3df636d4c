"""The day's counts, folded from the shared cache into rows (`fold_counts`).

Each run reads the batches the workers wrote since the last run, adds them
to the day's running state (kept in the cache: totals by path, and each
visitor key with the pages it opened, in order) and writes the day's rows
from that state, whole. A run cut short anywhere is repeated by the next
without counting anything twice: rows are written from the state, never
added to, and batches are deleted only after the state that holds them is
written. One run at a time (a PostgreSQL advisory lock).

A day is closed ANALYTICS_CLOSE_MINUTES after its midnight (UTC), once its
last batches are in: then its salt, worker slots, state and visitor keys are
deleted, and only the rows are left. The salt of a past day is deleted
whatever happens, at the first run after its midnight.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from analytics import funnels, store
from analytics.conf import settings
from analytics.models import (
    DailyCount,
    DailyReferrer,
    DailySearch,
    DailyVisitors,
    FunnelStep,
)
from publishing.addresses import publishable_models

# Days before today a run still looks at: a fold that did not run for as
# long finds nothing of those days left (store.KEEP).
LOOKBACK_DAYS = 2
LOCK = 0x5EAD_C0DE  # the advisory lock of the fold


def fold():
    """Fold every open day and close those that are over; False when another
    run holds the lock."""
    now = timezone.now()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK])
            if not cursor.fetchone()[0]:
                return False
        today = store.today()
        for back in range(LOOKBACK_DAYS, -1, -1):
            day = today - timedelta(days=back)
            slots = store.workers(day)
            if slots or cache.get(store.state_key(day)) is not None:
                fold_day(day, slots)
            if back and now >= closing_time(day):
                close_day(day, slots)
            elif back:
                cache.delete(store.salt_key(day))  # the salt ends at midnight
    return True


def closing_time(day):
    return store.midnight_after(day) + timedelta(
        minutes=settings.ANALYTICS_CLOSE_MINUTES
    )


def fold_day(day, slots):
    state = cache.get(store.state_key(day)) or {"cursors": {}, "counts": store.empty()}
    folded = []
    for worker in slots.values():
        start = state["cursors"].get(worker, 0)
        found = store.batches(day, worker, start)
        for _, batch in found:
            store.merge(state["counts"], batch)
        state["cursors"][worker] = start + len(found)
        folded += [key for key, _ in found]
    cache.set(store.state_key(day), state, store.KEEP)
    cache.delete_many(folded)
    write_rows(day, state["counts"])


def close_day(day, slots):
    """Delete all the cache holds of ``day``: only its rows are left."""
    state = cache.get(store.state_key(day)) or {"cursors": {}}
    keys = [store.salt_key(day), store.state_key(day), store.slots_key(day), *slots]
    for worker, next_number in state["cursors"].items():
        keys += [store.batch_key(day, worker, n) for n in range(next_number)]
    cache.delete_many(keys)


def write_rows(day, counts):
    """The day's rows from its running totals, whole (what was there goes)."""
    paths = {*counts["views"], *counts["reads"]}
    paths |= {path for seen in counts["visitors"].values() for path in seen}
    entries = entries_at(paths)
    visitors = {}
    for seen in counts["visitors"].values():
        for path in seen:
            visitors[path] = visitors.get(path, 0) + 1
    rows = [
        DailyCount(
            entry_id=entry,
            day=day,
            views=counts["views"].get(path, 0),
            reads=counts["reads"].get(path, 0),
            visitors=visitors.get(path, 0),
        )
        for path, entry in entries.items()
    ]
    _replace(DailyCount, day, rows, ["entry", "day"], ["views", "reads", "visitors"])
    site = [DailyVisitors(day=day, visitors=len(counts["visitors"]))]
    _replace(DailyVisitors, day, site, ["day"], ["visitors"])
    referrers = [
        DailyReferrer(entry_id=entries[path], day=day, host=host, count=count)
        for (path, host), count in counts["referrers"].items()
        if path in entries
    ]
    _replace(DailyReferrer, day, referrers, ["entry", "day", "host"], ["count"])
    searches = [
        DailySearch(day=day, query=query, count=count)
        for query, count in counts["searches"].items()
    ]
    _replace(DailySearch, day, searches, ["day", "query"], ["count"])
    steps = funnels.steps(day, counts["visitors"], entries)
    _replace(FunnelStep, day, steps, ["day", "start", "step"], ["visitors"])


def _replace(model, day, rows, unique, counts):
    """Write ``rows``, or update the day's rows they stand for."""
    model.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=unique, update_fields=counts
    )


def entries_at(paths):
    """{path: entry id} of the articles and pages published at ``paths``."""
    found = {}
    for model in publishable_models():
        found |= dict(
            model.objects.published()
            .filter(entry__path__in=paths)
            .values_list("entry__path", "entry_id")
        )
    return found
