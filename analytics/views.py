import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from analytics import charts, reports
from analytics.models import DailyCount

COLUMNS = ("day", "title", "address", "views", "reads", "visitors")


def export(request):
    """Every article's and page's daily counts of the last year, as CSV;
    counts of 1 to 4 read "< 5", as on the dashboard."""
    if not request.user.has_perm("analytics.view_dailycount"):
        raise PermissionDenied
    rows = (
        DailyCount.objects.between(*reports.last_days(365))
        .order_by("day", "entry__path")
        .values_list("day", "entry__title", "entry__path", *COLUMNS[3:])
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reading-counts.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for day, title, path, *counts in rows.iterator():
        row = [day.isoformat(), plain(title), path, *map(charts.shown, counts)]
        writer.writerow(row)
    return response


def plain(text):
    """Text a spreadsheet will not take for a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
