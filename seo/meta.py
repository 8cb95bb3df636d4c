"""What a page tells search engines and social networks about itself.

Views put a ``PageMeta`` in their context as ``seo``; ``base.html`` renders it
with the ``seo_head`` tag. Other apps describe their pages with these plain
dataclasses and never need to know how the tags or the JSON-LD are written.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

INDEX_ROBOTS = "index, follow, max-image-preview:large, max-snippet:-1"
NOINDEX_ROBOTS = "noindex, follow"


@dataclass(frozen=True)
class Image:
    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Crumb:
    name: str
    path: str


@dataclass(frozen=True)
class Person:
    name: str
    url: str = ""
    description: str = ""
    same_as: tuple[str, ...] = ()  # the person's own pages elsewhere


@dataclass(frozen=True)
class ListItem:
    """One entry of a list page, numbered across all its pages."""

    position: int
    name: str
    path: str


@dataclass(frozen=True)
class Series:
    name: str
    path: str
    position: int | None = None


@dataclass(frozen=True)
class ArticleFacts:
    """The facts of an article page, as BlogPosting and Open Graph need them."""

    headline: str
    published: datetime
    modified: datetime
    author: Person
    section: str = ""
    tags: tuple[str, ...] = ()
    word_count: int = 0
    comment_count: int = 0
    comments_open: bool = False
    series: Series | None = None


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    path: str
    canonical: str = ""  # an absolute URL, when an editor points it elsewhere
    noindex: bool = False
    page_type: str = "WebPage"  # schema.org type of the page
    image: Image | None = None
    breadcrumbs: tuple[Crumb, ...] = ()
    article: ArticleFacts | None = None
    extra_title: bool = True  # append " · Site name" to <title>
    alternates: tuple[tuple[str, str], ...] = ()  # (media type, path)
    items: tuple[ListItem, ...] = ()  # what a list page lists, as an ItemList
    person: Person | None = None  # whom a profile page is about

    @property
    def canonical_url(self):
        return self.canonical or absolute(self.path)

    @property
    def is_self_canonical(self):
        return self.canonical_url == absolute(self.path)

    @property
    def robots(self):
        if self.noindex or settings.SEO_NOINDEX_SITE:
            return NOINDEX_ROBOTS
        return INDEX_ROBOTS

    @property
    def full_title(self):
        if not self.extra_title:
            return self.title
        return f"{self.title} · {settings.SITE_NAME}"


def absolute(path):
    """An absolute URL on the site, from SITE_URL and a path."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


def paged_path(path, page_number):
    """The canonical path of a page of a list: page 1 has no ?page=1."""
    return path if page_number in (None, 1) else f"{path}?page={page_number}"
