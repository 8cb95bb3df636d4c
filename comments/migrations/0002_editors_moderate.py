"""Editors moderate comments: they see emails and approve, mark spam or remove."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["moderate_comment", "view_comment", "change_comment", "delete_comment"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.get(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="comments", codename__in=CODENAMES
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Editors").permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="comments", codename__in=CODENAMES
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
