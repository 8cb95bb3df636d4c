"""The mails subscribers get: plain text, direct links, one-click unsubscribe.

Links point straight at the site (no redirect or tracking address), and no
mail loads anything, so opening one tells the site nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from articles.models import Article
from mailedlinks.mail import absolute, one_click_unsubscribe
from subscriptions.models import TOKEN_LIFETIME

# Articles a welcome mail lists, newest first.
WELCOME_ARTICLES = 3


def confirmation(subscriber, token):
    confirm_url = absolute(reverse("subscriptions:confirm", kwargs={"token": token}))
    hours = TOKEN_LIFETIME // timedelta(hours=1)
    return EmailMessage(
        subject=f"Confirm your subscription to {settings.SITE_NAME}",
        body=(
            f"Someone, probably you, asked to get {settings.SITE_NAME}'s new "
            f"articles by email ({subscriber.get_frequency_display().lower()}).\n\n"
            f"To confirm, open this page and press its button:\n{confirm_url}\n\n"
            f"The link works once, for {hours} hours. If you did not ask, ignore "
            "this mail: nothing will be sent to you.\n"
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
            "nothing has changed. To change how often mail comes, use the "
            "link below.\n"
        ),
    )


def welcome(subscriber):
    latest = Article.objects.published().order_by("-published_at")[:WELCOME_ARTICLES]
    entries = "\n\n".join(_entry(article) for article in latest)
    return _to_subscriber(
        subscriber,
        subject=f"Welcome to {settings.SITE_NAME}",
        body=(
            f"Thank you for subscribing. This address will get "
            f"{subscriber.get_frequency_display().lower()} of "
            f"{settings.SITE_NAME}, from the next one on.\n\n"
            + (f"The latest articles:\n\n{entries}\n" if entries else "")
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
    manage = absolute(subscriber.manage_url())
    return EmailMessage(
        subject=subject,
        body=f"{body}\n-- \nHow often: {manage}\nUnsubscribe: {unsubscribe}\n",
        to=[subscriber.email],
        headers=one_click_unsubscribe(unsubscribe),
    )
