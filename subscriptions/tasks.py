"""Mail to subscribers, sent by the task worker, never during a request."""

from django.core.mail import get_connection
from django_tasks import task

from subscriptions import mail
from subscriptions.models import Delivery, Frequency, Subscriber


@task()
def send_confirmation(subscriber_id, frequency):
    """Mail a confirmation link, or a note to an address already confirmed."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:  # erased since
        return
    if subscriber.confirmed_at:
        mail.already_subscribed(subscriber).send()
        return
    subscriber.frequency = frequency
    mail.confirmation(subscriber, subscriber.new_token()).send()


@task()
def send_welcome(subscriber_id):
    """Greet a subscriber who has just confirmed, with the latest articles."""
    subscriber = Subscriber.objects.confirmed().filter(pk=subscriber_id).first()
    if subscriber is not None:  # not erased since
        mail.welcome(subscriber).send()


@task()
def send_new_articles():
    """Mail each article that went live to every "each article" subscriber."""
    with get_connection() as connection:
        for subscriber in Subscriber.objects.confirmed().filter(
            frequency=Frequency.EACH
        ):
            for article in subscriber.news():
                if Delivery.claim(subscriber=subscriber, articles=[article]):
                    message = mail.new_article(subscriber, article)
                    _send_claimed(subscriber, [article], message, connection)


@task()
def send_digests():
    """Mail weekly subscribers the articles that went live since their last one."""
    with get_connection() as connection:
        for subscriber in Subscriber.objects.confirmed().filter(
            frequency=Frequency.WEEKLY
        ):
            articles = Delivery.claim(subscriber=subscriber, articles=subscriber.news())
            if articles:
                message = mail.digest(subscriber, articles)
                _send_claimed(subscriber, articles, message, connection)


def _send_claimed(subscriber, articles, message, connection):
    message.connection = connection
    try:
        message.send()
    except Exception:
        # Not sent: a later run may try again.
        Delivery.release(subscriber=subscriber, articles=articles)
        raise
