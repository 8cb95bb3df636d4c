"""The mails subscribers get: plain text, direct links, one-click unsubscribe.

Links point straight at the site (no redirect or tracking address), and no
mail loads anything, so opening one tells the site nothing.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from web.mailed_links import absolute, one_click_unsubscribe


def confirmation(subscriber, token):
    confirm_url = absolute(reverse("subscriptions:confirm", kwargs={"token": token}))
    return EmailMessage(
        subject=f"Confirm your subscription to {settings.SITE_NAME}",
        body=(
            f"Someone, probably you, asked to get {settings.SITE_NAME}'s new "
            f"articles by email ({subscriber.get_frequency_display().lower()}).\n\n"
            f"To confirm, open this page and press its button:\n{confirm_url}\n\n"
            "The link works for 48 hours. If you did not ask, ignore this mail: "
            "nothing will be sent to you.\n"
        ),
        to=[subscriber.email],
    )


def already_subscribed(subscriber):
    return _to_subscriber(
        subscriber,
        subject=f"You already follow {settings.SITE_NAME}",
        body=(
            "Someone, probably you, asked to subscribe this address again. It "
            f"already gets {subscriber.get_frequency_display().lower()}, so "
            "nothing has changed. To choose another frequency, unsubscribe "
            "and sign up again.\n"
        ),
    )


def new_article(subscriber, article):
    return _to_subscriber(
        subscriber,
        subject=f"New on {settings.SITE_NAME}: {article.title}",
        body=f"{_entry(article)}\n",
    )


def digest(subscriber, articles):
    entries = "\n\n".join(_entry(article) for article in articles)
    return _to_subscriber(
        subscriber,
        subject=f"This week on {settings.SITE_NAME}",
        body=f"New articles this week:\n\n{entries}\n",
    )


def _entry(article):
    return f"{article.title}\n{article.summary}\n{absolute(article.get_absolute_url())}"


def _to_subscriber(subscriber, *, subject, body):
    unsubscribe = absolute(subscriber.unsubscribe_url())
    return EmailMessage(
        subject=subject,
        body=f"{body}\n-- \nUnsubscribe: {unsubscribe}\n",
        to=[subscriber.email],
        headers=one_click_unsubscribe(unsubscribe),
    )
