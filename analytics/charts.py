"""Small line charts drawn on the server as SVG, with their numbers as text.

A count of 1 to 4 is shown as "< 5" everywhere, and drawn at 5, so that no
chart or table tells a lone reader's visit apart.
"""

from django.utils.formats import date_format

from analytics.reports import SERIES

FEWEST = 5
WIDTH, HEIGHT, MARGIN = 320, 80, 4


def shown(count):
    """A count as editors see it: "< 5" for 1 to 4."""
    return "< 5" if 0 < count < FEWEST else f"{count:,}"


def drawn(count):
    return FEWEST if 0 < count < FEWEST else count


def chart(buckets, *, name, title):
    """What templates/analytics/chart.html draws: lines, totals and rows."""
    top = max([FEWEST, *(drawn(b[series]) for b in buckets for series in SERIES)])
    step = (WIDTH - 2 * MARGIN) / max(len(buckets) - 1, 1)

    def y(count):
        return HEIGHT - MARGIN - drawn(count) / top * (HEIGHT - 2 * MARGIN)

    lines = [
        {
            "series": series,
            "points": " ".join(
                f"{MARGIN + i * step:.1f},{y(bucket[series]):.1f}"
                for i, bucket in enumerate(buckets)
            ),
        }
        for series in SERIES
    ]
    return {
        "name": name,
        "title": title,
        "width": WIDTH,
        "height": HEIGHT,
        "lines": lines,
        "top": shown(top),
        "totals": {series: shown(sum(b[series] for b in buckets)) for series in SERIES},
        "rows": [
            {"label": label(bucket), **{s: shown(bucket[s]) for s in SERIES}}
            for bucket in buckets
        ],
    }


def label(bucket):
    start, end = bucket["start"], bucket["end"]
    if start == end:
        return date_format(start, "D j M")
    return f"{date_format(start, 'j M')} to {date_format(end, 'j M Y')}"
