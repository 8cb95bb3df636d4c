"""What the article page shows around the article: one home for every view
that renders it (the article itself, a preview, a comment sent back with
errors)."""

import hashlib

from django.shortcuts import render

from articles import page_meta
from articles.models import Article
from pagecache import tags
from publishing.rendering import renders


def article_context(article, *, noindex=False):
    """What the article template needs besides the article itself."""
    # A series may have hundreds of parts; the page names two of them.
    parts = list(article.series_parts().values_list("pk", "slug", "title"))
    pks = [pk for pk, _, _ in parts]
    index = pks.index(article.pk) if article.pk in pks else None
    previous_part = _part(*parts[index - 1]) if index else None
    has_next = index is not None and index + 1 < len(parts)
    next_part = _part(*parts[index + 1]) if has_next else None
    # An article not saved yet (an editor's preview) has no topics.
    topics = list(article.topics.all()) if article.pk else []
    part_number = None if index is None else index + 1
    return {
        "seo": page_meta.article_meta(
            article,
            topics=topics,
            comment_count=article.comment_count,
            comments_open=article.takes_comments,
            noindex=noindex,
        ),
        "topics": topics,
        "series_length": len(parts),
        "part_number": part_number,
        "article_key": _shown_key(article, topics, part_number, len(parts)),
        "previous_part": previous_part,
        "next_part": next_part,
        "related": list(article.related(topics=topics)),
    }


def _shown_key(article, topics, part_number, series_length):
    """Everything includes/article.html shows, as the key its HTML is kept
    under in the worker's memory: a change to any of it is a new key."""
    series = (article.series.slug, article.series.title) if article.series_id else ()
    author = (article.author.slug, article.author.name) if article.author_id else ()
    shown = (
        article.pk, article.state, article.title, article.summary, article.published_at,
        article.content_updated_at, article.word_count, article.toc,
        article.body_html, author, series,
        part_number, series_length, [(topic.slug, topic.name) for topic in topics],
    )  # fmt: skip
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def _part(pk, slug, title):
    """A neighbouring part, as much of it as the page shows."""
    return Article(pk=pk, slug=slug, title=title)


def page_tags(article, context):
    """The cache tags of the article's page: the article, its series (its
    length shows), its author, and every article and topic the page shows
    (see pagecache/tags.py)."""
    neighbours = filter(None, [context["previous_part"], context["next_part"]])
    shown = [article, article.author, *neighbours, *context["related"]]
    shown += context["topics"]
    series = [article.series] if article.series_id else []
    return {tags.tag_of(instance) for instance in [*shown, *series]}


@renders(Article)
def article_response(request, article, *, noindex=False, **context):
    """The article's page, with ``context`` (a comment form sent back, say)."""
    context = {
        "article": article,
        **article_context(article, noindex=noindex),
        **context,
    }
    return render(request, "articles/article_detail.html", context)
