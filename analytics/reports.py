"""What editors see of the daily rows: trends, top pages, where readers come
from, how far they follow a series, and what they search for in vain."""

from datetime import timedelta

from django.db.models import Sum
from django.urls import NoReverseMatch, reverse

from analytics import funnels, store
from analytics.models import (
    DailyCount,
    DailyReferrer,
    DailySearch,
    DailyVisitors,
    FunnelStep,
)
from articles.models import Series
from publishing.models import Entry

PERIODS = (7, 30, 365)
# Periods longer than a month are drawn week by week.
WEEK = 7
LISTED = 10
SERIES = ("views", "reads", "visitors")


def last_days(days):
    """(first, last) day of the ``days`` days up to today (UTC)."""
    last = store.today()
    return last - timedelta(days=days - 1), last


def trend(days, *, entry=None):
    """Views, reads and visitors of the last ``days`` days, day by day, or
    week by week (ending today, the oldest week taking in the days left
    over) over longer periods: [{start, end, …}]."""
    first, last = last_days(days)
    rows = DailyCount.objects.between(first, last)
    if entry is not None:
        rows = rows.filter(entry=entry)
    per_day = rows.per_day()
    if entry is None:
        # A visitor who opened two pages is one visitor of the site.
        for sums in per_day.values():
            sums["visitors"] = 0
        site = DailyVisitors.objects.filter(day__gte=first, day__lte=last)
        for day, visitors in site.values_list("day", "visitors"):
            per_day.setdefault(day, {"views": 0, "reads": 0})["visitors"] = visitors
    width = WEEK if days > 31 else 1
    buckets, end = [], last
    while end >= first:
        start = max(end - timedelta(days=width - 1), first)
        sums = {name: 0 for name in SERIES}
        for offset in range((end - start).days + 1):
            for name, value in per_day.get(start + timedelta(offset), {}).items():
                sums[name] += value or 0
        buckets.append({"start": start, "end": end, **sums})
        end = start - timedelta(days=1)
    if (
        len(buckets) > 1
        and (buckets[-1]["end"] - buckets[-1]["start"]).days + 1 < width
    ):
        # A stub of a week would draw as a dip: the oldest week takes it in.
        stub = buckets.pop()
        buckets[-1]["start"] = stub["start"]
        for name in SERIES:
            buckets[-1][name] += stub[name]
    return buckets[::-1]


def top_entries(days=WEEK):
    """The articles and pages most opened in the last ``days`` days."""
    rows = DailyCount.objects.between(*last_days(days)).top(LISTED)
    return [{**row, "admin_url": admin_url(row)} for row in rows]


def admin_url(row):
    """The change page of a row's article or page, where there is one."""
    name = f"admin:{row['entry__content_type__app_label']}_"
    name += f"{row['entry__content_type__model']}_change"
    try:
        return reverse(name, args=[row["entry__object_id"]])
    except NoReverseMatch:
        return None


def referrers(days, *, entry=None):
    rows = DailyReferrer.objects.between(*last_days(days))
    if entry is not None:
        rows = rows.filter(entry=entry)
    return rows.ranked("host", LISTED)


def searches(days):
    return DailySearch.objects.between(*last_days(days)).ranked("query", LISTED * 2)


def series_read_on(days=WEEK):
    """For each series of two or more parts: its title, and each part with
    the visitors who opened part 1 and then it, the same day."""
    parts = funnels.series_parts()
    steps = (
        FunnelStep.objects.filter(day__gte=last_days(days)[0])
        .values("start", "step")
        .annotate(total=Sum("visitors"))
    )
    counted = {(row["start"], row["step"]): row["total"] for row in steps}
    titles = dict(Series.objects.filter(pk__in=parts).values_list("pk", "title"))
    entry_titles = _entry_titles({e for entries in parts.values() for e in entries})
    return [
        {
            "title": titles[series],
            "parts": [
                {
                    "number": number,
                    "title": entry_titles[entry],
                    "visitors": counted.get((entries[0], entry), 0),
                }
                for number, entry in enumerate(entries, 1)
            ],
        }
        for series, entries in sorted(parts.items(), key=lambda item: titles[item[0]])
    ]


def _entry_titles(ids):
    return dict(Entry.objects.filter(pk__in=ids).values_list("pk", "title"))
