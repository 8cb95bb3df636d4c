"""Editors may view subscribers, which shows counts, never addresses."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_subscriber"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("subscriptions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Editors").permissions.add(
        *Permission.objects.filter(
            content_type__app_label="subscriptions", codename__in=CODENAMES
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Editors").permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="subscriptions", codename__in=CODENAMES
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0001_subscribers"),
        ("articles", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
