"""How article pages describe themselves to search engines (see seo/meta.py)."""

from dataclasses import replace

from django.conf import settings
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from seo import meta
from seo.audit import Subject
from seo.models import ShareImage
from seo.social import HEIGHT, WIDTH

HOME = meta.Crumb("Home", "/")


def share_image_key(article):
    return f"article-{article.pk}"


def share_kicker(article):
    if article.series_id:
        return article.series.title
    return settings.SITE_DESCRIPTION[:60]


def with_share_image(articles):
    """Annotate the fingerprint of each article's drawn card, in the same query."""
    cards = ShareImage.objects.filter(
        key=Concat(Value("article-"), Cast(OuterRef("pk"), CharField()))
    )
    return articles.annotate(share_digest=Subquery(cards.values("digest")[:1]))


def article_image(article):
    """The uploaded social image, or the card drawn from the title."""
    if article.social_image:
        return meta.Image(
            article.social_image.url,
            article.social_image_width,
            article.social_image_height,
            article.social_image_alt or article.title,
        )
    digest = getattr(article, "share_digest", None)
    if digest is None:
        card = ShareImage.objects.filter(key=share_image_key(article)).first()
        digest = card.digest if card else None
    if digest is None:
        return None
    path = reverse(
        "seo:share_image", kwargs={"key": share_image_key(article), "digest": digest}
    )
    return meta.Image(path, WIDTH, HEIGHT, article.title)


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
            # Without a page of their own, the site is where an author is found.
            author=meta.Person(
                article.author.name, article.author.url or meta.absolute("/")
            ),
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


def listing_meta(*, title, description, path, page_number=None, crumbs=()):
    return meta.PageMeta(
        title=title if page_number in (None, 1) else f"{title}, page {page_number}",
        description=description,
        path=meta.paged_path(path, page_number),
        page_type="CollectionPage",
        breadcrumbs=(HOME, *crumbs) if crumbs else (),
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


def audit_subject(article, *, topics=()):
    """The article as the SEO audit sees it, compared with the rest of the site."""
    others = Article.objects.exclude(pk=article.pk)
    titles = {a.seo_title or a.title for a in others.only("title", "seo_title")}
    descriptions = {
        a.meta_description or a.summary
        for a in others.only("summary", "meta_description")
    }
    public_paths = {
        reverse("articles:detail", kwargs={"slug": slug})
        for slug in Article.objects.published().values_list("slug", flat=True)
    }
    return Subject(
        meta=article_meta(article, topics=topics, comment_count=0, comments_open=True),
        body_html=article.body_html,
        word_count=article.word_count,
        other_titles=frozenset(titles),
        other_descriptions=frozenset(descriptions),
        is_public_path=lambda path: (
            not path.startswith("/articles/") or path in public_paths
        ),
    )
