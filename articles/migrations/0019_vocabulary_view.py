from django.db import migrations, models

# Each word of each article's title and of its topics' names, lowercased:
# the words a search's "Did you mean" may offer (articles/search.py).
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

    dependencies = [
        ('articles', '0018_publishable_rules'),
    ]

    operations = [
        migrations.RunSQL(VOCABULARY, "DROP VIEW articles_vocabularyword"),
        migrations.CreateModel(
            name='VocabularyWord',
            fields=[
                ('pk', models.CompositePrimaryKey('article', 'word', blank=True, editable=False, primary_key=True, serialize=False)),
                ('word', models.TextField()),
            ],
            options={
                'managed': False,
            },
        ),
    ]
