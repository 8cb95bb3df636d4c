"""Render stored article bodies again with the current Markdown pipeline.

Heading ids gained their "s-" prefix (with the old id kept as an alias) and
table alignment became classes; both are computed on save, so articles saved
before need their HTML and outline rendered once more.
"""

from django.db import migrations


def rerender(apps, schema_editor):
    from publishing.markdown import render_markdown

    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("pk", "body").iterator(chunk_size=200):
        rendered = render_markdown(article.body)
        Article.objects.filter(pk=article.pk).update(
            body_html=rendered.html, body_text=rendered.text, toc=rendered.toc
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_writers_group")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
