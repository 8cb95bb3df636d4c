"""What the privacy notice says of reading counts, from the settings."""

from analytics import beacon, charts
from analytics.conf import settings
from jobs.conf import settings as jobs_settings


def facts():
    return {
        "counting": settings.ANALYTICS_ENABLED,
        "read_seconds": beacon.READ_SECONDS,
        "close_minutes": settings.ANALYTICS_CLOSE_MINUTES,
        # The day is closed by the first fold after that (jobs/conf.py).
        "fold_minutes": jobs_settings.PERIODIC_JOBS.get("fold_counts", 0) // 60,
        "fewest_shown": charts.FEWEST,
    }
