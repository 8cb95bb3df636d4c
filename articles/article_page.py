"""What the article page shows around the article: one home for every view
that renders it (the article itself, a preview, a comment sent back with
errors)."""

from articles import page_meta


def article_context(article, *, noindex=False):
    """What the article template needs besides the article itself."""
    parts = list(article.series_parts())
    index = next((i for i, part in enumerate(parts) if part.pk == article.pk), None)
    topics = list(article.topics.all())
    return {
        "seo": page_meta.article_meta(
            article,
            topics=topics,
            comment_count=article.comment_count,
            comments_open=article.takes_comments,
            noindex=noindex,
        ),
        "topics": topics,
        "series_parts": parts,
        "part_number": None if index is None else index + 1,
        "previous_part": parts[index - 1] if index else None,
        "next_part": parts[index + 1]
        if index is not None and index + 1 < len(parts)
        else None,
        "related": list(article.related(topics=topics)),
    }
