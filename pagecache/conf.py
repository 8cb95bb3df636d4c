"""The page cache's settings and their defaults (see web/app_settings.py)."""

from web.app_settings import AppSettings

settings = AppSettings(
    # An upper bound only: pages are replaced when what they show changes.
    PAGE_CACHE_SECONDS=24 * 60 * 60,
)
