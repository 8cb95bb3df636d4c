"""The publishing app's settings and their defaults (see web/app_settings.py)."""

from web.app_settings import AppSettings

settings = AppSettings(
    # Days after publication that content closes to new comments (None: never).
    COMMENTS_CLOSE_AFTER_DAYS=(int, None),
)
