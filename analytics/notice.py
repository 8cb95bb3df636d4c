"""What the privacy notice says of reading counts, from the settings."""

from analytics import beacon, charts
from analytics.conf import settings


def facts():
    return {
        "counting": settings.ANALYTICS_ENABLED,
        "read_seconds": beacon.READ_SECONDS,
        "close_minutes": settings.ANALYTICS_CLOSE_MINUTES,
        "fewest_shown": charts.FEWEST,
    }
