"""Confirmation links move to their own rows (the site's one mailed-link
flow); a link mailed before keeps working until it expires."""

from datetime import timedelta

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

LIFETIME = timedelta(hours=48)


def move_links(apps, schema_editor):
    Subscriber = apps.get_model("subscriptions", "Subscriber")
    SignUpLink = apps.get_model("subscriptions", "SignUpLink")
    waiting = Subscriber.objects.exclude(token_hash="").exclude(token_created_at=None)
    SignUpLink.objects.bulk_create(
        SignUpLink(
            subscriber=subscriber,
            token_hash=subscriber.token_hash,
            expires_at=subscriber.token_created_at + LIFETIME,
        )
        for subscriber in waiting
    )
    # created_at is set on insert: the time the link was mailed, as before.
    SignUpLink.objects.update(
        created_at=Subquery(
            Subscriber.objects.filter(pk=OuterRef("subscriber_id")).values(
                "token_created_at"
            )[:1]
        )
    )


def move_back(apps, schema_editor):
    SignUpLink = apps.get_model("subscriptions", "SignUpLink")
    Subscriber = apps.get_model("subscriptions", "Subscriber")
    for link in SignUpLink.objects.all():
        Subscriber.objects.filter(pk=link.subscriber_id).update(
            token_hash=link.token_hash, token_created_at=link.created_at
        )


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0002_editors_count_subscribers"),
    ]

    operations = [
        migrations.CreateModel(
            name="SignUpLink",
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
                    "token_hash",
                    models.CharField(editable=False, max_length=64, unique=True),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("expires_at", models.DateTimeField(db_index=True)),
                (
                    "subscriber",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="links",
                        to="subscriptions.subscriber",
                    ),
                ),
            ],
            options={"abstract": False},
        ),
        migrations.RunPython(move_links, move_back),
        migrations.RemoveIndex(model_name="subscriber", name="subscriber_token_idx"),
        migrations.RemoveField(model_name="subscriber", name="token_created_at"),
        migrations.RemoveField(model_name="subscriber", name="token_hash"),
    ]
