"""The "Writers" group: write, schedule and publish, and nothing of commenters.

Editors keep their group, which also moderates comments and so sees
commenters' emails; writers get the same article permissions without it.
"""

from django.db import migrations

GROUP = "Writers"


def create_writers_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.get(name="Editors")
    writers, _ = Group.objects.get_or_create(name=GROUP)
    writers.permissions.set(
        editors.permissions.exclude(content_type__app_label="comments")
    )


def remove_writers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_article_withdrawn_at"),
        ("comments", "0002_editors_moderate"),
    ]

    operations = [migrations.RunPython(create_writers_group, remove_writers_group)]
