"""The comments app's settings and their defaults (see web/app_settings.py);
comments/moderation.py says what each rule does."""

from web.app_settings import AppSettings

settings = AppSettings(
    COMMENTS_MAX_DEPTH=3,
    COMMENTS_PER_PAGE=50,
    COMMENTS_MAX_LENGTH=5000,
    COMMENTS_HOLD_LINKS=2,
    COMMENTS_MODERATION_WORDS=[],
    COMMENTS_DISALLOWED_WORDS=[],
    COMMENTS_MIN_SECONDS=3,
    COMMENTS_FORM_MAX_AGE=2 * 60 * 60,
    COMMENTS_RATE_LIMIT=5,
    COMMENTS_RATE_WINDOW=10 * 60,
    # The proof-of-work puzzle editors can switch on (comments/proof_of_work.py):
    # the browser tries up to this many SHA-256 hashes, half of them on average.
    COMMENTS_POW_MAX_NUMBER=100_000,
    COMMENTS_RETENTION_DAYS=30,
    # A new comment waits until its author confirms the address from a mailed
    # link (a button on the site, so mail scanners confirm nothing); unconfirmed
    # comments are deleted when the link expires, after COMMENTS_CONFIRM_HOURS.
    COMMENTS_CONFIRM_EMAIL=False,
    COMMENTS_CONFIRM_HOURS=48,
    # A commenter may edit or delete a comment from the browser that sent it
    # for this long; an edit meets the moderation rules again.
    COMMENTS_EDIT_MINUTES=15,
    # Previews of a comment's formatting per network (ratelimits.keys) and
    # window: plenty for a writer, too few to use the site as a renderer.
    COMMENTS_PREVIEW_LIMIT=60,
    COMMENTS_PREVIEW_WINDOW=10 * 60,
)
