"""The words readers may mean when they mistype one: the vocabulary of the
published articles (titles, topic names and text), kept in a table of its
own so that a misspelled search costs one index lookup per word."""

import re
from collections import Counter

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django_tasks import task

from articles.models import Article, SpellingWord

WORD = re.compile(r"[^\W\d_]{3,100}")


def words_of(article, topics):
    text = " ".join([article.title, article.body_text, *topics])
    return {word.lower() for word in WORD.findall(text)}


@task()
def refresh_vocabulary():
    """Count every word of the published articles, and store the count."""
    counts = Counter()
    articles = Article.objects.published().only("title", "body_text")
    for article in articles.prefetch_related("topics").iterator(chunk_size=200):
        counts.update(words_of(article, [topic.name for topic in article.topics.all()]))
    with transaction.atomic():
        SpellingWord.objects.all().delete()
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
        transaction.on_commit(refresh_vocabulary.enqueue)
