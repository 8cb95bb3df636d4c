"""Permanent redirects that never chain and never loop.

Every redirect points straight at its final destination: adding A→B
rewrites any X→A into X→B, and a destination that itself redirects is
followed to its end. An empty destination means the page is gone (410).
"""

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError
from django.db import transaction


def check_redirect(old_path, new_path, *, site_id=None):
    """The final destination to store for old_path; ValidationError on a loop."""
    if not new_path:
        return ""
    others = Redirect.objects.filter(site_id=site_id or settings.SITE_ID).exclude(
        old_path=old_path
    )
    path, seen = new_path, set()
    while path:
        if path == old_path:
            raise ValidationError(
                f"Redirecting {old_path} to {new_path} would make a loop."
            )
        if path in seen:
            raise ValidationError(f"Existing redirects loop through {path}.")
        seen.add(path)
        hop = others.filter(old_path=path).first()
        if hop is None:
            return path
        path = hop.new_path
    return ""  # the chain ends at a page that is gone


@transaction.atomic
def add_redirect(old_path, new_path, *, site_id=None):
    """Store old_path → new_path in one hop, and point older chains at it too."""
    site_id = site_id or settings.SITE_ID
    destination = check_redirect(old_path, new_path, site_id=site_id)
    Redirect.objects.update_or_create(
        site_id=site_id, old_path=old_path, defaults={"new_path": destination}
    )
    Redirect.objects.filter(site_id=site_id, new_path=old_path).update(
        new_path=destination
    )


@transaction.atomic
def page_moved(old_path, new_path, *, site_id=None):
    """A live page changed address: the new one serves, the old one redirects."""
    site_id = site_id or settings.SITE_ID
    Redirect.objects.filter(site_id=site_id, old_path=new_path).delete()
    add_redirect(old_path, new_path, site_id=site_id)


def page_gone(path, *, site_id=None):
    """A page was deleted: it and every address redirecting to it answer 410."""
    add_redirect(path, "", site_id=site_id)
