"""Each draft, presence, link check and audit result moves from its article to
the article's entry. Back again, those of pages have no article and go."""

from django.db import migrations
from django.db.models import OuterRef, Subquery

MODELS = ("Draft", "Presence", "LinkCheck", "AuditResult")


def onto_entries(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    entry_of = Article.objects.filter(pk=OuterRef("article_id")).values("entry_id")
    for name in MODELS:
        apps.get_model("editing", name).objects.update(entry_id=Subquery(entry_of))


def onto_articles(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    article_of = Article.objects.filter(entry_id=OuterRef("entry_id")).values("pk")
    for name in MODELS:
        rows = apps.get_model("editing", name).objects
        rows.update(article_id=Subquery(article_of))
        rows.filter(article_id__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editing", "0002_entry_fields"),
    ]

    operations = [
        migrations.RunPython(onto_entries, onto_articles),
    ]
