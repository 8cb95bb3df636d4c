"""Every comment is on an entry now: the article and page columns go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0009_on_entries"),
    ]

    operations = [
        migrations.AlterField(
            model_name="comment",
            name="entry",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="comments",
                to="publishing.entry",
                verbose_name="on",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="comment",
            name="comment_on_article_or_page",
        ),
        migrations.RemoveIndex(
            model_name="comment",
            name="comment_thread_idx",
        ),
        migrations.RemoveIndex(
            model_name="comment",
            name="comment_page_thread_idx",
        ),
        migrations.RemoveField(
            model_name="comment",
            name="article",
        ),
        migrations.RemoveField(
            model_name="comment",
            name="page",
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                fields=["entry", "status", "path"], name="comment_thread_idx"
            ),
        ),
    ]
