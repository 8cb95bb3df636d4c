"""What `manage.py check --deploy` says about the site's own pages."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def contact_address(app_configs, **kwargs):
    if settings.SITE_CONTACT_EMAIL:
        return []
    return [
        Warning(
            "SITE_CONTACT_EMAIL is not set, so the contact page and the privacy "
            "notice give readers no address to write to.",
            hint="Set SITE_CONTACT_EMAIL to an address a person reads.",
            id="pages.W001",
        )
    ]
