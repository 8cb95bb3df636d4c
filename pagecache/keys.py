"""The key a shared page is stored under.

Keys hold the site's address, so a new SITE_URL never serves pages that link
to the old one; the static files' manifest, so a release with new
stylesheets or scripts never serves pages that name files it no longer has;
the settings, so a restart with a new retention period never serves a
privacy notice naming the old one; and the scheme the request came by, the
one thing a proxy may tell that changes a page (feeds and the sitemap index
name it), so a page asked for over HTTPS is never served over HTTP.
"""

import functools
import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.signals import setting_changed
from django.dispatch import receiver

from web.app_settings import every_app_setting


def key(request):
    release = getattr(staticfiles_storage, "manifest_hash", "")
    fingerprint = f"{release} {_settings_digest()} {request.scheme}"
    address = f"{fingerprint} {settings.SITE_URL}{request.get_full_path()}"
    return f"pagecache:{hashlib.sha256(address.encode()).hexdigest()}"


# Settings that differ between the servers of one site without changing what
# a page shows: where each finds its database, cache and peers.
SERVER_SETTINGS = {
    "DATABASES", "DATABASE_REPLICAS", "CACHES", "HTTP_CACHE_PURGE_URLS", "STORAGES",
}  # fmt: skip


@functools.cache
def _settings_digest():
    """A fingerprint of the settings pages may show, the same in every worker
    and on every server that runs with them. Values that are not plain data
    (functions, classes) are left out: their text differs by process."""
    plain = {}
    every = {name: getattr(settings, name) for name in dir(settings) if name.isupper()}
    for name, value in (every | every_app_setting()).items():
        if name in SERVER_SETTINGS:
            continue
        try:
            plain[name] = json.dumps(value, sort_keys=True)
        except (TypeError, ValueError):
            continue
    material = json.dumps(plain, sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()[:16]


@receiver(setting_changed)
def _forget_settings_digest(**kwargs):
    _settings_digest.cache_clear()
