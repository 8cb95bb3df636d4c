"""What the privacy notice says of reaching the people who run the site."""

from django.conf import settings

from pages.models import Kind, Page


def facts():
    contact = Page.objects.published().filter(kind=Kind.CONTACT).first()
    return {
        "contact_email": settings.SITE_CONTACT_EMAIL,
        "contact_url": contact.get_absolute_url() if contact else None,
    }
