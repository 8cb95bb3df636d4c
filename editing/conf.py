"""The editing app's settings and their defaults (see web/app_settings.py)."""

from web.app_settings import AppSettings

settings = AppSettings(
    # External links are checked by the task worker, one request at a time,
    # with a pause between two requests to one host.
    LINK_CHECK_TIMEOUT=10,
    LINK_CHECK_PAUSE=2.0,
    LINK_CHECK_MAX_LINKS=200,
    LINK_CHECK_RUN_SECONDS=300,
)
