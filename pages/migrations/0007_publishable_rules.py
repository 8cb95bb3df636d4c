"""Pages keep the rules every publishable keeps; their old switch goes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_publishable"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="page",
            name="is_published",
        ),
        migrations.AddConstraint(
            model_name="page",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True),
                    ("published_at__isnull", False),
                    _connector="OR",
                ),
                name="page_published_has_publish_time",
                violation_error_message="Published content needs a publish time.",
            ),
        ),
        migrations.AddConstraint(
            model_name="page",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("unpublish_at__isnull", True),
                    ("published_at__isnull", True),
                    ("unpublish_at__gt", models.F("published_at")),
                    _connector="OR",
                ),
                name="page_unpublish_after_publish",
                violation_error_message="The expiry time must be after the publish time.",
            ),
        ),
    ]
