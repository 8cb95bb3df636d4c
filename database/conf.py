"""The database app's settings and their defaults (see web/app_settings.py)."""

from web.app_settings import AppSettings

settings = AppSettings(
    # Seconds before a replica that failed is tried again.
    DATABASE_REPLICA_RETRY=5,
)
