"""Series read on: of a day's visitors who opened a series' first part, how
many opened each later part after it, the same day."""

from collections import Counter

from analytics.models import FunnelStep
from articles.models import Article


def series_parts():
    """{series id: [entry ids of its published parts, in order]}, for every
    series of two parts or more."""
    parts = {}
    rows = (
        Article.objects.published()
        .filter(series__isnull=False)
        .order_by("series_id", "series_position", "published_at")
        .values_list("series_id", "entry_id")
    )
    for series, entry in rows:
        parts.setdefault(series, []).append(entry)
    return {series: entries for series, entries in parts.items() if len(entries) > 1}


def steps(day, visitors, entries):
    """FunnelStep rows of ``day`` from each visitor's pages in the order
    opened (``visitors``: {key: [paths]}, ``entries``: {path: entry id})."""
    series = series_parts().values()
    counts = Counter()
    for seen in visitors.values():
        opened = [entries[path] for path in seen if path in entries]
        for parts in series:
            if parts[0] not in opened:
                continue
            after = opened[opened.index(parts[0]) :]
            counts.update((parts[0], part) for part in parts if part in after)
    return [
        FunnelStep(day=day, start_id=start, step_id=step, visitors=count)
        for (start, step), count in counts.items()
    ]
