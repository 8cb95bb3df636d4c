from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """What the site keeps about a person: one place to export or erase it,
    and the facts the privacy notice states."""

    name = "privacy"
    verbose_name = "Privacy"
