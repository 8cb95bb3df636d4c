"""Pages sit under other pages: each keeps its address as a path of slugs."""

import django.db.models.deletion
from django.db import migrations, models


def paths_from_slugs(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for page in Page.objects.all():
        Page.objects.filter(pk=page.pk).update(path=page.slug)


class Migration(migrations.Migration):
    dependencies = [("pages", "0008_contact_page")]

    operations = [
        migrations.AddField(
            model_name="page",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                help_text="Optional: the page this one sits under. Its address then "
                "follows the parent's: “team” under “about” is /about/team/.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="children",
                to="pages.page",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="path",
            field=models.CharField(default="", editable=False, max_length=255),
            preserve_default=False,
        ),
        migrations.RunPython(paths_from_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="page",
            name="path",
            field=models.CharField(
                editable=False,
                help_text="The address below the site's root: the parents' slugs, "
                "then its own.",
                max_length=255,
                unique=True,
            ),
        ),
    ]
