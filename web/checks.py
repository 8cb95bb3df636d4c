"""System checks of the deployment's choices that no setting can enforce alone.

``manage.py check`` runs them, as do ``migrate`` (``make run``, the release
step), the task worker, and each server process as it starts (config/wsgi.py).
"""

from django.conf import settings
from django.core.checks import Error, Tags, register, run_checks
from django.core.management.base import SystemCheckError

NO_MAIL = Error(
    "No way to send mail is set: without EMAIL_URL, mail (commenters' and "
    "subscribers' addresses, live confirm and unsubscribe links) would be "
    "printed to the log.",
    hint="Set EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.com:587, "
    "or filemail:////var/spool/site-mail to keep it in files there.",
    id="web.E001",
)


@register(Tags.security)
def mail_is_sent_somewhere(app_configs, **kwargs):
    """With DEBUG off, mail needs an EMAIL_URL: never the console's default."""
    if settings.DEBUG or settings.EMAIL_URL:
        return []
    return [NO_MAIL]


def refuse_to_serve_on_errors():
    """Stop a server process starting on a configuration the checks call an
    error, as runserver does (gunicorn then stops, saying why)."""
    serious = [e for e in run_checks() if e.is_serious() and not e.is_silenced()]
    if serious:
        raise SystemCheckError("\n".join(map(str, serious)))
