"""Reading counts: what the site counts of its own readers, and how often."""

from web.app_settings import AppSettings

settings = AppSettings(
    # Off: nothing is counted, the counting script is not served, and the
    # privacy notice says so.
    ANALYTICS_ENABLED=True,
    # Each worker adds up what it counts in its own memory and hands it to the
    # shared cache every so many seconds, so a reader's visit costs no query.
    # 0: only when the worker stops, or when flush() is called (tests do).
    ANALYTICS_FLUSH_SECONDS=5,
    # Counts one worker holds before it hands them over early; at ten times
    # this (the cache is away) it drops new ones rather than grow.
    ANALYTICS_BUFFER_SIZE=2000,
    # Minutes after midnight UTC before a day's counts are final: then its
    # visitor keys and everything else kept for it in the cache are deleted.
    ANALYTICS_CLOSE_MINUTES=10,
)
