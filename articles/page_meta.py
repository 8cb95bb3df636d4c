"""How article pages describe themselves to search engines (see seo/meta.py)."""

from dataclasses import replace

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles.share_images import article_image
from seo import meta

HOME = meta.Crumb("Home", "/")


def article_meta(article, *, topics, comment_count, comments_open, noindex=False):
    published = article.published_at or timezone.now()  # a draft, in preview
    series = None
    crumbs = [HOME]
    if article.series_id:
        series = meta.Series(
            article.series.title,
            article.series.get_absolute_url(),
            article.series_position,
        )
        crumbs.append(meta.Crumb(article.series.title, series.path))
    else:
        crumbs.append(meta.Crumb("Articles", reverse("articles:list")))
    crumbs.append(meta.Crumb(article.title, article.get_absolute_url()))
    page = meta.PageMeta(
        title=article.search_title,
        description=article.description,
        path=article.get_absolute_url(),
        canonical=article.canonical_url,
        noindex=noindex or article.noindex,
        image=article_image(article),
        breadcrumbs=tuple(crumbs),
        article=meta.ArticleFacts(
            headline=article.title,
            published=published,
            modified=article.modified or published,
            author=author_person(article.author),
            section=topics[0].name if topics else "",
            tags=tuple(topic.name for topic in topics),
            word_count=article.word_count,
            comment_count=comment_count,
            comments_open=comments_open,
            series=series,
        ),
    )
    if page.robots == meta.INDEX_ROBOTS and page.is_self_canonical and article.is_live:
        # The Markdown twin exists exactly for the articles in the sitemap.
        page = replace(page, alternates=(("text/markdown", article.markdown_path),))
    return page


def author_person(author, *, with_bio=False):
    """The author as schema.org sees them: their page here, their own site."""
    return meta.Person(
        author.name,
        author.get_absolute_url(),
        description=author.bio if with_bio else "",
        same_as=(author.url,) if author.url else (),
    )


def listing_meta(*, title, description, path, page_number=None, crumbs=()):
    return meta.PageMeta(
        title=title if page_number in (None, 1) else f"{title}, page {page_number}",
        description=description,
        path=meta.paged_path(path, page_number),
        page_type="CollectionPage",
        breadcrumbs=(HOME, *crumbs) if crumbs else (),
    )


def index_meta(*, title, description, path, page_obj):
    """A page of an index (of topics, series, authors), its entries listed."""
    first = page_obj.start_index()
    items = tuple(
        meta.ListItem(position, str(entry), entry.get_absolute_url())
        for position, entry in enumerate(page_obj, start=first)
    )
    page = listing_meta(
        title=title,
        description=description,
        path=path,
        page_number=page_obj.number,
        crumbs=[meta.Crumb(title, path)],
    )
    return replace(page, items=items)


def author_meta(author, *, page_number):
    path = author.get_absolute_url()
    page = listing_meta(
        title=author.name,
        description=author.bio or f"Articles by {author.name}.",
        path=path,
        page_number=page_number,
        crumbs=[
            meta.Crumb("Authors", reverse("articles:author_list")),
            meta.Crumb(author.name, path),
        ],
    )
    return replace(
        page, page_type="ProfilePage", person=author_person(author, with_bio=True)
    )


def home_meta():
    return meta.PageMeta(
        title=settings.SITE_NAME,
        description=settings.SITE_DESCRIPTION,
        path="/",
        extra_title=False,
    )


def search_meta(query):
    return meta.PageMeta(
        title=f"Search: {query}" if query else "Search",
        description=f"Search the articles of {settings.SITE_NAME}.",
        path=reverse("articles:search"),
        page_type="SearchResultsPage",
        noindex=True,
    )
