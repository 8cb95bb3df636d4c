"""The articles app's settings and their defaults (see web/app_settings.py)."""

from web.app_settings import AppSettings

settings = AppSettings(
    # Feeds carry whole articles (their rendered HTML) instead of summaries.
    FEEDS_FULL_TEXT=False,
)
