"""Full-text search over published articles, ranked by PostgreSQL."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import SEARCH_CONFIG, Article

MAX_QUERY_LENGTH = 200
# Private-use characters mark the matches, so the rest can be escaped safely.
_START, _STOP = "\ue000", "\ue001"


def search_articles(query):
    """Published articles matching a web-search style query, best first."""
    query = query[:MAX_QUERY_LENGTH]
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    return (
        Article.objects.published()
        .filter(search_vector=search_query)
        .annotate(
            rank=SearchRank(F("search_vector"), search_query),
            headline=SearchHeadline(
                "body_text",
                search_query,
                config=SEARCH_CONFIG,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=40,
                min_words=20,
            ),
        )
        .select_related("author", "series")
        .order_by("-rank", "-published_at")
    )


def snippet_html(headline):
    """The headline PostgreSQL built, escaped, with its matches in <mark>."""
    marked = escape(headline).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(marked)  # noqa: S308 - every other character is escaped
