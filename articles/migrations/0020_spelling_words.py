"""The search's "Did you mean" reads a table of the published articles'
words (titles, topics and text), filled by the task worker, in place of a
view of titles and topic names only; fuzzystrmatch measures how many letters
a correction changes."""

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import CreateExtension
from django.db import migrations, models

VOCABULARY = """
CREATE VIEW articles_vocabularyword AS
    SELECT article.id AS article_id, word
    FROM articles_article AS article,
        regexp_split_to_table(lower(article.title), '[^[:alpha:]]+') AS word
    UNION
    SELECT link.article_id, word
    FROM articles_article_topics AS link
        JOIN articles_topic AS topic ON topic.id = link.topic_id,
        regexp_split_to_table(lower(topic.name), '[^[:alpha:]]+') AS word
"""


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_vocabulary_view")]

    operations = [
        CreateExtension("fuzzystrmatch"),
        migrations.DeleteModel(name="VocabularyWord"),
        migrations.RunSQL("DROP VIEW articles_vocabularyword", VOCABULARY),
        migrations.CreateModel(
            name="SpellingWord",
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
                ("word", models.CharField(max_length=100, unique=True)),
                (
                    "articles",
                    models.PositiveIntegerField(help_text="How many articles use it."),
                ),
            ],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["word"],
                        name="spelling_word_trgm_idx",
                        opclasses=["gin_trgm_ops"],
                    )
                ],
            },
        ),
    ]
