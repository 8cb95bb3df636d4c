"""The "Editors" group: everything needed to write, schedule and publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
PERMISSIONS = {
    "articles": ["article", "series", "topic", "previewlink"],
    "redirects": ["redirect"],
}
READ_ONLY = {"articles": ["author"]}


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now.
    for app_label in ("articles", "redirects"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = [
        (app, f"{action}_{model}")
        for app, models in PERMISSIONS.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ] + [
        (app, f"view_{model}") for app, models in READ_ONLY.items() for model in models
    ]
    for app_label, codename in codenames:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
