"""A comment is on a publishable (its entry), not on an article or a page."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def comments_on_entries(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Article = apps.get_model("articles", "Article")
    Page = apps.get_model("pages", "Page")
    for model, field in ((Article, "article"), (Page, "page")):
        for pk, entry_id in model.objects.values_list("pk", "entry_id"):
            Comment.objects.filter(**{field: pk}).update(entry_id=entry_id)


def comments_on_articles_and_pages(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Article = apps.get_model("articles", "Article")
    Page = apps.get_model("pages", "Page")
    for model, field in ((Article, "article"), (Page, "page")):
        for pk, entry_id in model.objects.values_list("pk", "entry_id"):
            Comment.objects.filter(entry_id=entry_id).update(**{field: pk})


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_publishable"),
        ("pages", "0006_publishable"),
        ("comments", "0008_comments_on_pages"),
        ("publishing", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="entry",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="comments",
                to="publishing.entry",
                verbose_name="on",
            ),
        ),
        migrations.RunPython(comments_on_entries, comments_on_articles_and_pages),
    ]
