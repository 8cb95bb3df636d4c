"""The federation app's settings and their defaults (see web/app_settings.py)."""

from web.app_settings import AppSettings

settings = AppSettings(
    # Off: no WebFinger, actors, inboxes or deliveries; the site is web-only.
    FEDERATION_ENABLED=True,
    # The site's own account, @<SITE_HANDLE>@<host>; empty: from SITE_NAME.
    SITE_HANDLE="",
    # Whether anyone may see who follows the site (the owner's choice; the
    # count is always public, as on Mastodon).
    FEDERATION_SHOW_FOLLOWERS=False,
    # Inbox posts taken from one remote host per window (seconds).
    FEDERATION_INBOX_RATE_LIMIT=300,
    FEDERATION_INBOX_RATE_WINDOW=60,
    # The largest activity, webmention or fetched document taken, in bytes.
    FEDERATION_MAX_PAYLOAD=256 * 1024,
    # How far a signature's Date or created may be from the site's clock (s).
    FEDERATION_CLOCK_SKEW=60 * 60,
    # A cached remote key older than this is fetched again when a signature
    # fails with it: the account may have rotated its key.
    FEDERATION_KEY_REFETCH_SECONDS=60,
    # Minutes between the attempts to deliver one activity to one inbox; after
    # the last, the inbox is marked dead (about six days of trying).
    FEDERATION_RETRY_MINUTES=[
        1,
        5,
        30,
        2 * 60,
        6 * 60,
        12 * 60,
        24 * 60,
        48 * 60,
        60 * 60,
    ],
    # How long one delivery or fetch may take, in seconds.
    FEDERATION_TIMEOUT=15,
    # Inboxes a delivery task sends to at once.
    FEDERATION_DELIVERY_THREADS=8,
    # Webmentions taken from one address per window (seconds).
    WEBMENTION_RATE_LIMIT=20,
    WEBMENTION_RATE_WINDOW=60 * 60,
)
