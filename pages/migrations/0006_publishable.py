"""Pages share the publishing lifecycle of articles (publishing.Publishable):
a published page is published from its last change on, and gets its entry,
which comments and image uses attach to from now on."""

import re
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

LIBRARY_IMAGE = re.compile(r"\]\(<?image:(\d{1,18})[>)\s]")


def pages_are_publishable(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Entry = apps.get_model("publishing", "Entry")
    ImageUse = apps.get_model("publishing", "ImageUse")
    Image = apps.get_model("library", "Image")
    Page = apps.get_model("pages", "Page")
    kind, _ = ContentType.objects.get_or_create(app_label="pages", model="page")
    for page in Page.objects.all():
        if page.is_published:
            page.status = "published"
            page.published_at = page.updated_at
        page.content_changed_at = page.updated_at
        # The address pages:detail gives it (config/urls.py, pages/urls.py).
        page.entry = Entry.objects.create(
            content_type=kind,
            object_id=page.pk,
            title=page.title,
            path=f"/{page.slug}/",
        )
        page.save(
            update_fields=["status", "published_at", "content_changed_at", "entry"]
        )
        shown = {int(number) for number in LIBRARY_IMAGE.findall(page.body)}
        ImageUse.objects.bulk_create(
            ImageUse(entry=page.entry, image_id=pk)
            for pk in Image.objects.filter(pk__in=shown).values_list("pk", flat=True)
        )


def pages_are_toggled(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    Page.objects.filter(status="published").update(is_published=True)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_pages_take_comments_when_switched_on"),
        ("publishing", "0001_initial"),
        ("library", "0002_editors_and_writers"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="page",
            name="body_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="page",
            name="content_changed_at",
            field=models.DateTimeField(
                editable=False,
                help_text="When the title, summary or body last changed; sitemaps use it.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="content_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="page",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, default=django.utils.timezone.now
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="page",
            name="entry",
            field=models.OneToOneField(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="publishing.entry",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                db_index=True,
                help_text="Readers see it from this time on. A future time schedules it; it appears by itself, no further step needed.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("published", "Published")],
                default="draft",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="toc",
            field=models.JSONField(default=list, editable=False),
        ),
        migrations.AddField(
            model_name="page",
            name="unpublish_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Optional. From this time on it is withdrawn and its address answers “410 Gone”.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Goes up at every save; a form based on an older one is refused.",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="withdrawn_at",
            field=models.DateTimeField(
                editable=False,
                help_text="When it was set back to draft while live; it answers 410 Gone until it is published again.",
                null=True,
            ),
        ),
        migrations.RunPython(pages_are_publishable, pages_are_toggled),
    ]
