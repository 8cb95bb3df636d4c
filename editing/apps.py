from django.apps import AppConfig
from django.conf import settings


class EditingConfig(AppConfig):
    name = "editing"
    verbose_name = "Editing"

    def ready(self):
        from django.contrib import admin

        # The admin is the editors' home: it carries the site's name.
        admin.site.site_header = settings.SITE_NAME
        admin.site.site_title = f"{settings.SITE_NAME} admin"
        admin.site.index_title = "Dashboard"
