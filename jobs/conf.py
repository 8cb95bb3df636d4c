"""The periodic jobs and their periods (see web/app_settings.py)."""

from web.app_settings import AppSettings

settings = AppSettings(
    # The longest a runner may hold a job, in seconds; one that dies holding
    # it (killed, its server lost) leaves the job to the first run after that.
    PERIODIC_JOBS_LEASE=60 * 60,
    # Management command → period in seconds. `manage.py run_jobs` (cron, on
    # any or every server) runs each once per period for the cluster.
    PERIODIC_JOBS={
        "apply_comment_retention": 24 * 60 * 60,
        # Sign-ins that have ended leave their session rows behind until then.
        "clearsessions": 24 * 60 * 60,
        # Scheduled articles go live by the clock: mail them within minutes.
        "announce_articles": 5 * 60,
        "send_digests": 7 * 24 * 60 * 60,
        "expire_sign_ups": 24 * 60 * 60,
        # Pages elsewhere move or vanish: check the links of live articles weekly.
        "check_links": 7 * 24 * 60 * 60,
        # Reading counts from the shared cache into daily rows; the day's
        # visitor keys are deleted at the first run after it closes.
        "fold_counts": 5 * 60,
        # Scheduled articles' words join the search's spelling suggestions.
        "refresh_vocabulary": 60 * 60,
    },
)
