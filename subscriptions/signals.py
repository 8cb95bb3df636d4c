"""An article saved live is mailed to subscribers, by the task worker."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import Article
from subscriptions.models import Frequency, Subscriber
from subscriptions.tasks import send_new_articles


@receiver(post_save, sender=Article)
def article_saved(sender, instance, raw=False, **kwargs):
    # Scheduled articles go live with no save: announce_articles finds them.
    if not raw and instance.is_live:
        transaction.on_commit(_announce)


def _announce():
    if Subscriber.objects.confirmed().filter(frequency=Frequency.EACH).exists():
        send_new_articles.enqueue()
