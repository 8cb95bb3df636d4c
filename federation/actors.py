"""The site's own accounts: one for the site, and one per author who has
published articles. Each is a LocalActor, named by its handle's user part."""

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve, reverse
from django.utils.text import slugify

from articles.models import Article, Author
from federation.conf import settings
from seo.meta import absolute

SITE = "site"


def site_handle():
    """The user part of the site's own handle: SITE_HANDLE, or from its name."""
    return settings.SITE_HANDLE or slugify(settings.SITE_NAME) or "site"


def site_host():
    """The host readers see in handles: the site's address, port and all."""
    return urlsplit(settings.SITE_URL).netloc


@dataclass(frozen=True)
class LocalActor:
    """An account of the site; ``key`` names it in the database ("site", or
    "author-<pk>"), so that a new handle or slug keeps its followers."""

    name: str
    author: Author | None = None

    @classmethod
    def site(cls):
        return cls(name=site_handle())

    @classmethod
    def of_author(cls, author):
        return cls(name=author.slug, author=author)

    @classmethod
    def named(cls, name):
        """The actor ``name`` stands for, or None: the site's handle, or the
        slug of an author whose articles readers have seen (one whose only
        article was withdrawn still signs its Delete)."""
        if name == site_handle():
            return cls.site()
        seen = Article.objects.seen()
        author = Author.objects.filter(slug=name, articles__in=seen).first()
        return cls.of_author(author) if author else None

    @classmethod
    def by_key(cls, key):
        if key == SITE:
            return cls.site()
        author = Author.objects.filter(pk=key.removeprefix("author-")).first()
        return cls.of_author(author) if author else None

    @classmethod
    def by_id(cls, uri):
        """The actor whose id is ``uri``, or None."""
        prefix = absolute(reverse("federation:actor", args=["x"]))[:-2]
        if not uri.startswith(prefix):
            return None
        return cls.named(uri[len(prefix) :].strip("/"))

    @classmethod
    def by_profile(cls, url):
        """The actor whose profile page is ``url`` (the home page, an author's
        page), or None."""
        site = absolute("/")
        if url.rstrip("/") == site.rstrip("/"):
            return cls.site()
        if not url.startswith(site):
            return None
        try:
            match = resolve("/" + url[len(site) :])
        except Resolver404:
            return None
        if match.view_name != "articles:author":
            return None
        return cls.named(match.kwargs["slug"])

    @property
    def key(self):
        return f"author-{self.author.pk}" if self.author else SITE

    @property
    def id(self):
        return absolute(reverse("federation:actor", args=[self.name]))

    @property
    def key_id(self):
        return f"{self.id}#main-key"

    @property
    def handle(self):
        return f"@{self.name}@{site_host()}"

    @property
    def profile_url(self):
        return absolute(self.author.get_absolute_url() if self.author else "/")

    @property
    def display_name(self):
        return self.author.name if self.author else settings.SITE_NAME

    @property
    def summary(self):
        return (self.author.bio if self.author else settings.SITE_DESCRIPTION) or ""

    def url(self, collection):
        """The address of its inbox, outbox, followers or featured."""
        return absolute(reverse(f"federation:{collection}", args=[self.name]))

    @cached_property
    def keys(self):
        from federation.models import LocalKey

        return LocalKey.of(self.key)

    def articles(self):
        """What it publishes: every article for the site, an author's own."""
        published = Article.objects.published()
        return published.filter(author=self.author) if self.author else published


def actors_of(article):
    """The author's actor and the site's: who federates the article."""
    return LocalActor.of_author(article.author), LocalActor.site()
