"""Shared preview links keep a hash of their token, not the token: a link
made before keeps working until it expires, found by its hash."""

import hashlib

from django.db import migrations, models

import articles.models


def hash_tokens(apps, schema_editor):
    PreviewLink = apps.get_model("articles", "PreviewLink")
    for link in PreviewLink.objects.only("token"):
        token_hash = hashlib.sha256(link.token.encode()).hexdigest()
        PreviewLink.objects.filter(pk=link.pk).update(token_hash=token_hash)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0020_spelling_words"),
    ]

    operations = [
        # Links made before have no key: their token cannot be made again.
        migrations.AddField(
            model_name="previewlink",
            name="key",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="previewlink",
            name="key",
            field=models.CharField(
                default=articles.models.new_preview_key, editable=False, max_length=64
            ),
        ),
        migrations.AddField(
            model_name="previewlink",
            name="token_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="previewlink",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.RemoveField(model_name="previewlink", name="token"),
    ]
