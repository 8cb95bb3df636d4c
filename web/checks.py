"""System checks of the deployment's choices that no setting can enforce alone.

``manage.py check`` runs them, as do ``migrate`` (``make run``, the release
step), the task worker, and each server process as it starts (config/wsgi.py).
"""

import os

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register, run_checks
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


@register(Tags.security, deploy=True)
def readers_addresses_behind_a_proxy(app_configs, **kwargs):
    """Behind a proxy, every reader has the proxy's address unless the site
    reads X-Forwarded-For: one reader's failed sign-ins lock out everyone."""
    if settings.USE_X_FORWARDED_FOR:
        return []
    # gunicorn's FORWARDED_ALLOW_IPS: whose X-Forwarded-* it believes.
    trusted = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1").split(",")
    proxies = [
        reason
        for reason, behind in (
            ("HTTP_CACHE_PURGE_URLS names caches", settings.HTTP_CACHE_PURGE_URLS),
            (
                "FORWARDED_ALLOW_IPS trusts one",
                {ip.strip() for ip in trusted} - {"127.0.0.1", "::1"},
            ),
        )
        if behind
    ]
    if not proxies:
        return []
    return [
        Warning(
            f"The site runs behind a proxy ({'; '.join(proxies)}), but "
            "USE_X_FORWARDED_FOR is off: every reader has the proxy's address, "
            "so rate limits count all readers as one, and one person's failed "
            "sign-ins lock every staff member out.",
            hint="Set USE_X_FORWARDED_FOR=on, and PROXY_COUNT to the number of "
            "proxies in front that add to X-Forwarded-For.",
            id="web.W001",
        )
    ]


def refuse_to_serve_on_errors():
    """Stop a server process starting on a configuration the checks call an
    error, as runserver does (gunicorn then stops, saying why)."""
    serious = [e for e in run_checks() if e.is_serious() and not e.is_silenced()]
    if serious:
        raise SystemCheckError("\n".join(map(str, serious)))
