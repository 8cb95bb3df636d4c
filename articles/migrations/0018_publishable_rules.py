"""The rules every publishable keeps, under their new names; the article's own
image table gives way to the one every publishable uses."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_publishable"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="article",
            name="library_images",
        ),
        migrations.RemoveConstraint(
            model_name="article",
            name="published_article_has_publish_time",
        ),
        migrations.RemoveConstraint(
            model_name="article",
            name="unpublish_after_publish",
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True),
                    ("published_at__isnull", False),
                    _connector="OR",
                ),
                name="article_published_has_publish_time",
                violation_error_message="Published content needs a publish time.",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("unpublish_at__isnull", True),
                    ("published_at__isnull", True),
                    ("unpublish_at__gt", models.F("published_at")),
                    _connector="OR",
                ),
                name="article_unpublish_after_publish",
                violation_error_message="The expiry time must be after the publish time.",
            ),
        ),
        migrations.DeleteModel(
            name="ArticleImage",
        ),
    ]
