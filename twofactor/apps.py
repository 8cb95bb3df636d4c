from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class TwoFactorConfig(AppConfig):
    name = "twofactor"
    verbose_name = "Two-factor sign-in"


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin on the site that asks staff for their second factor:
    ``admin.site``, and every ModelAdmin registered on it, is that site."""

    default = False
    default_site = "twofactor.sites.StaffAdminSite"
