"""The articles app's settings and their defaults (see web/app_settings.py)."""

from web.app_settings import AppSettings

settings = AppSettings(
    # Articles on one page of a list (home's latest, topics, authors, months).
    ARTICLES_PER_PAGE=10,
    # Feeds carry whole articles (their rendered HTML) instead of summaries.
    FEEDS_FULL_TEXT=False,
)
