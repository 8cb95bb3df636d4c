"""The words readers may mean when they mistype one: the vocabulary of the
published articles (titles, topic names and text), kept in a table of its
own so that a misspelled search costs one index lookup per word."""

import re
from collections import Counter

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django_tasks import task

from articles.models import Article, SpellingWord

WORD = re.compile(r"[^\W\d_]{3,100}")
# Set while a count is queued: saves in a row (an import, an editor's
# autosaves) queue one count, not one each.
QUEUED = "articles:vocabulary-queued"


def words_of(article, topics):
    text = " ".join([article.title, article.body_text, *topics])
    return {word.lower() for word in WORD.findall(text)}


@task()
def refresh_vocabulary():
    """Count every word of the published articles, and store the count."""
    cache.delete(QUEUED)
    counts = Counter()
    articles = Article.objects.published().only("title", "body_text")
    for article in articles.prefetch_related("topics").iterator(chunk_size=200):
        counts.update(words_of(article, [topic.name for topic in article.topics.all()]))
    with transaction.atomic(), connection.cursor() as cursor:
        # One statement: a queryset's delete would fetch every word to send
        # its delete signals, one by one.
        cursor.execute("DELETE FROM articles_spellingword")
        SpellingWord.objects.bulk_create(
            (SpellingWord(word=word, articles=n) for word, n in counts.items()),
            batch_size=2000,
        )


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
@receiver(m2m_changed, sender=Article.topics.through)
def article_changed(**kwargs):
    """The worker counts again once the change is committed."""
    if not kwargs.get("raw"):
        transaction.on_commit(queue_count)


def queue_count():
    if cache.add(QUEUED, True, timeout=5 * 60):
        refresh_vocabulary.enqueue()
