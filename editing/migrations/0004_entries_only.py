"""Every draft, presence, link check and audit result is on an entry now: the
article columns go."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("editing", "0003_onto_entries"),
        ("publishing", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="draft",
            name="one_draft_per_editor",
        ),
        migrations.RemoveConstraint(
            model_name="linkcheck",
            name="one_check_per_link",
        ),
        migrations.RemoveConstraint(
            model_name="presence",
            name="one_presence_per_editor",
        ),
        migrations.RemoveField(
            model_name="auditresult",
            name="article",
        ),
        migrations.RemoveField(
            model_name="draft",
            name="article",
        ),
        migrations.RemoveField(
            model_name="linkcheck",
            name="article",
        ),
        migrations.RemoveField(
            model_name="presence",
            name="article",
        ),
        migrations.AlterField(
            model_name="auditresult",
            name="entry",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="audit_result",
                to="publishing.entry",
            ),
        ),
        migrations.AlterField(
            model_name="draft",
            name="entry",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="publishing.entry",
            ),
        ),
        migrations.AlterField(
            model_name="linkcheck",
            name="entry",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="link_checks",
                to="publishing.entry",
                verbose_name="on",
            ),
        ),
        migrations.AlterField(
            model_name="presence",
            name="entry",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="publishing.entry",
            ),
        ),
        migrations.AddConstraint(
            model_name="draft",
            constraint=models.UniqueConstraint(
                fields=("entry", "user"), name="one_draft_per_editor"
            ),
        ),
        migrations.AddConstraint(
            model_name="linkcheck",
            constraint=models.UniqueConstraint(
                fields=("entry", "url"), name="one_check_per_link"
            ),
        ),
        migrations.AddConstraint(
            model_name="presence",
            constraint=models.UniqueConstraint(
                fields=("entry", "user"), name="one_presence_per_editor"
            ),
        ),
    ]
