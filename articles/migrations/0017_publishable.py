"""Articles are publishables (publishing.Publishable): each gets its entry,
which comments and image uses attach to, and the library images it shows
move from its own table to the one every publishable uses."""

import django.db.models.deletion
from django.db import migrations, models


def articles_get_entries(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Entry = apps.get_model("publishing", "Entry")
    ImageUse = apps.get_model("publishing", "ImageUse")
    Article = apps.get_model("articles", "Article")
    ArticleImage = apps.get_model("articles", "ArticleImage")
    kind, _ = ContentType.objects.get_or_create(app_label="articles", model="article")
    for article in Article.objects.only("pk", "title", "slug").iterator(chunk_size=500):
        # The address articles:detail gives it (articles/urls.py).
        entry = Entry.objects.create(
            content_type=kind,
            object_id=article.pk,
            title=article.title,
            path=f"/articles/{article.slug}/",
        )
        Article.objects.filter(pk=article.pk).update(entry=entry)
    entries = dict(Article.objects.values_list("pk", "entry_id"))
    ImageUse.objects.bulk_create(
        ImageUse(entry_id=entries[use.article_id], image_id=use.image_id)
        for use in ArticleImage.objects.all()
    )


def articles_keep_their_images(apps, schema_editor):
    ImageUse = apps.get_model("publishing", "ImageUse")
    Article = apps.get_model("articles", "Article")
    ArticleImage = apps.get_model("articles", "ArticleImage")
    articles = dict(Article.objects.values_list("entry_id", "pk"))
    ArticleImage.objects.bulk_create(
        ArticleImage(article_id=articles[use.entry_id], image_id=use.image_id)
        for use in ImageUse.objects.filter(entry_id__in=articles)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_article_feed_guid"),
        ("library", "0002_editors_and_writers"),
        ("publishing", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="entry",
            field=models.OneToOneField(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="publishing.entry",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="comments_open",
            field=models.BooleanField(
                default=True, help_text="Untick to close it to new comments."
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                db_index=True,
                help_text="Readers see it from this time on. A future time schedules it; it appears by itself, no further step needed.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="unpublish_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Optional. From this time on it is withdrawn and its address answers “410 Gone”.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="withdrawn_at",
            field=models.DateTimeField(
                editable=False,
                help_text="When it was set back to draft while live; it answers 410 Gone until it is published again.",
                null=True,
            ),
        ),
        migrations.RunPython(articles_get_entries, articles_keep_their_images),
    ]
