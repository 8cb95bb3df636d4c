"""Drafts, presence, link checks and audit results get an entry beside their
article: any publishable may have them (filled in by the next migration)."""

import django.db.models.deletion
from django.db import migrations, models

# (model, kind of field, related name): as the article fields are.
FIELDS = (
    ("draft", models.ForeignKey, "+"),
    ("presence", models.ForeignKey, "+"),
    ("linkcheck", models.ForeignKey, "link_checks"),
    ("auditresult", models.OneToOneField, "audit_result"),
)


def nullable(kind, related_name, to):
    return kind(
        null=True,
        on_delete=django.db.models.deletion.CASCADE,
        related_name=related_name,
        to=to,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_publishable"),
        ("editing", "0001_drafts_presence_link_checks"),
        ("publishing", "0001_initial"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model,
                name="entry",
                field=nullable(kind, related_name, "publishing.entry"),
            )
            for model, kind, related_name in FIELDS
        ),
        # On the way back, rows of pages have no article: the previous
        # migration drops them, but the column must take them until then.
        *(
            migrations.AlterField(
                model_name=model,
                name="article",
                field=nullable(kind, related_name, "articles.article"),
            )
            for model, kind, related_name in FIELDS
        ),
    ]
