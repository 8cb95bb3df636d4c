from datetime import timedelta

import factory
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Author, Series, Topic
from comments.models import Comment
from comments.models import Status as CommentStatus
from comments.moderation import sign_timestamp
from pages.models import Page
from publishing.models import Status
from subscriptions.models import Subscriber


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.django.Password("a long pass phrase")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    title = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    description = "A series for tests."


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article, live since yesterday."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article number {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "A short summary of the article."
    body = "## First section\n\nSome words about the subject.\n"
    author = factory.SubFactory(AuthorFactory)
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class PageFactory(factory.django.DjangoModelFactory):
    """A published page, linked from nowhere."""

    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Page number {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    summary = "What this page is about."
    body = "## A section\n\nSome words.\n"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved comment."""

    class Meta:
        model = Comment

    class Params:
        # What it is on: an article (a new one unless given), or a page.
        page = None
        article = factory.Maybe(
            "page",
            yes_declaration=None,
            no_declaration=factory.SubFactory(ArticleFactory),
        )

    entry = factory.LazyAttribute(
        lambda comment: (comment.page or comment.article).entry
    )
    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.net")
    body = factory.Sequence(lambda n: f"Comment number {n}.")
    status = CommentStatus.APPROVED
    ip_address = "203.0.113.9"
    user_agent = "Mozilla/5.0 (test)"


def signed_seconds_ago(seconds):
    """A comment form timestamp as if the form was served `seconds` ago."""
    with time_machine.travel(timezone.now() - timedelta(seconds=seconds)):
        return sign_timestamp()


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A reader who confirmed an address two days ago."""

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    confirmed_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
