"""Editors and writers keep the media library as they write articles."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Editors", "Writers")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("library")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="library")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("articles", "0006_writers_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
