"""Comment settings editors switch: proof of work for spam waves.

Editors, who moderate, may view and change them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

CODENAMES = ["view_commentsettings", "change_commentsettings"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Editors").permissions.add(
        *Permission.objects.filter(
            content_type__app_label="comments", codename__in=CODENAMES
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_count_published_comments"),
    ]

    operations = [
        migrations.CreateModel(
            name="CommentSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "proof_of_work",
                    models.BooleanField(
                        default=False,
                        help_text="For a spam wave: each commenter's browser solves a small puzzle (a second or so) before the comment is sent, which makes sending thousands costly. Readers without JavaScript cannot comment while this is on.",
                        verbose_name="ask for proof of work",
                    ),
                ),
            ],
            options={
                "verbose_name": "comment settings",
                "verbose_name_plural": "comment settings",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("pk", 1)), name="one_comment_settings"
                    )
                ],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
