from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from analytics import beacon, charts, reports
from analytics.conf import settings

register = template.Library()
PERMISSION = "analytics.view_dailycount"
PERIOD_TITLES = {7: "Last 7 days", 30: "Last 30 days", 365: "Last 365 days, by week"}


@register.simple_tag
def count_script():
    """The first-party script that reports a page's view and read, and a
    stylesheet link that does it without script; nothing when counting is off."""
    if not settings.ANALYTICS_ENABLED:
        return ""
    return format_html(
        '<script src="{}" data-count="{}" defer></script>'
        '<noscript><link rel="stylesheet" href="{}"></noscript>',
        static("js/count.js"),
        beacon.PATH,
        beacon.PATH,
    )


@register.filter
def shown(count):
    return charts.shown(count or 0)


def _charts(prefix, entry=None):
    return [
        charts.chart(
            reports.trend(days, entry=entry),
            name=f"{prefix}-{days}",
            title=PERIOD_TITLES[days],
        )
        for days in reports.PERIODS
    ]


@register.inclusion_tag("analytics/dashboard.html", takes_context=True)
def reading_dashboard(context):
    """The site's reading counts on the admin's index, for those who may see them."""
    if not context["request"].user.has_perm(PERMISSION):
        return {}
    return {
        "allowed": True,
        "counting": settings.ANALYTICS_ENABLED,
        "charts": _charts("site"),
        "top": reports.top_entries(),
        "referrers": reports.referrers(reports.WEEK),
        "series": reports.series_read_on(),
        "searches": reports.searches(30),
    }


@register.inclusion_tag("analytics/entry_panel.html", takes_context=True)
def entry_reading(context, publishable):
    """One article's (or page's) reading counts, on its change form."""
    entry_id = getattr(publishable, "entry_id", None)
    if entry_id is None or not context["request"].user.has_perm(PERMISSION):
        return {}
    return {
        "allowed": True,
        "charts": _charts(f"entry-{entry_id}", entry=entry_id),
        "referrers": reports.referrers(30, entry=entry_id),
    }
