"""Each app's settings, with their defaults kept in the app itself.

An app declares its settings in its own ``conf.py``::

    settings = AppSettings(COMMENTS_MAX_DEPTH=3, COMMENTS_CLOSE_AFTER_DAYS=(int, None))

and imports that ``settings`` in place of Django's. A name is looked up in
Django's settings first (config/settings.py, or a test's override), then in
the environment, read as the default's type (``COMMENTS_CONFIRM_EMAIL=on``,
``SEO_BLOCKING_CHECKS=image_alt,headings``), and the default comes last. Any
other name is Django's own setting, so an app reads all it needs from one
object, and config/settings.py holds only the deployment's choices.
"""

import os

import environ
from django.conf import settings as django_settings

_env = environ.Env()
# Every app's settings, for what must know them all (the page cache's key).
registry = []


class AppSettings:
    def __init__(self, **defaults):
        self._defaults = {}
        for name, default in defaults.items():
            cast, value = default if isinstance(default, tuple) else (None, default)
            self._defaults[name] = (cast or type(value), value)
        registry.append(self)

    def __getattr__(self, name):
        if name.startswith("_") or name not in self._defaults:
            return getattr(django_settings, name)
        if hasattr(django_settings, name):
            return getattr(django_settings, name)
        cast, default = self._defaults[name]
        if name in os.environ:
            return _env.get_value(name, cast=cast, default=default)
        return default

    def __dir__(self):
        return sorted(set(dir(django_settings)) | set(self._defaults))

    def names(self):
        return list(self._defaults)


def every_app_setting():
    """{name: value} of every setting the apps declare, as they are now."""
    return {
        name: getattr(app_settings, name)
        for app_settings in registry
        for name in app_settings.names()
    }
