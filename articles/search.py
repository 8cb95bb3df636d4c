"""Full-text search over published articles, ranked by PostgreSQL."""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import SEARCH_CONFIG, Article, Topic

MAX_QUERY_LENGTH = 200
# Fewer full-text results than this, and the words no article contains are
# looked up by trigram similarity too (the close matches below the results).
FEW_RESULTS = 3
# How alike (pg_trgm similarity, 0 to 1) a word of the site must be to a
# typed word to be offered in its place: "databse" and "database" score 0.55.
SUGGESTION_SIMILARITY = 0.4
MIN_WORD_LENGTH = 3
_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD_LENGTH},}}")
_NOT_LETTERS = "[^[:alpha:]]+"
# Each typed word no published article contains (by full-text search, so
# stems count), with the most similar word of published titles and topic
# names. {vectors}, {titles} and {names} are Django's own compiled queries.
_SPELLING_SQL = """
    WITH typed(word) AS (SELECT unnest(%s::text[])),
    unknown AS (
        SELECT word FROM typed
        WHERE numnode(plainto_tsquery(%s, word)) > 0 AND NOT EXISTS (
            SELECT FROM ({vectors}) AS article
            WHERE article.search_vector @@ plainto_tsquery(%s, typed.word)
        )
    ),
    vocabulary(word) AS (
        SELECT regexp_split_to_table(lower(title), %s) FROM ({titles}) AS t
        UNION SELECT regexp_split_to_table(lower(name), %s) FROM ({names}) AS n
    )
    SELECT DISTINCT ON (unknown.word) unknown.word, vocabulary.word
    FROM unknown LEFT JOIN vocabulary
        ON length(vocabulary.word) >= %s
        AND similarity(unknown.word, vocabulary.word) >= %s
    ORDER BY unknown.word,
        similarity(unknown.word, vocabulary.word) DESC, vocabulary.word
"""
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


def check_spelling(query):
    """The query's words that no published article contains, and a correction.

    Returns ``(lookalikes, suggestion)``: the lowercased words full-text
    search cannot find (stop words and words shorter than three letters are
    never unknown) with the closest word of the site's vocabulary for each,
    to look for by similarity; and the query with each unknown word replaced
    by that closest word, or None when there is nothing to correct. The
    vocabulary is the words of published titles and of their topics' names.
    """
    query = query[:MAX_QUERY_LENGTH]
    words = list(dict.fromkeys(w.lower() for w in _WORD.findall(query)))
    if not words:
        return [], None
    published = Article.objects.published().order_by()
    titles = published.values("title").query.sql_with_params()
    vectors = published.values("search_vector").query.sql_with_params()
    names = (
        Topic.objects.filter(articles__in=published).values("name").query
    ).sql_with_params()
    sql = _SPELLING_SQL.format(vectors=vectors[0], titles=titles[0], names=names[0])
    params = [
        words, SEARCH_CONFIG, *vectors[1], SEARCH_CONFIG,
        _NOT_LETTERS, *titles[1], _NOT_LETTERS, *names[1],
        MIN_WORD_LENGTH, SUGGESTION_SIMILARITY,
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        corrections = dict(cursor.fetchall())
    lookalikes = {word for pair in corrections.items() for word in pair if word}
    replace = {typed: fixed for typed, fixed in corrections.items() if fixed}
    replace = {typed: fixed for typed, fixed in replace.items() if fixed != typed}
    suggestion = _WORD.sub(lambda m: replace.get(m[0].lower(), m[0]), query)
    return sorted(lookalikes), (suggestion if replace else None)


def close_matches(words, *, exclude=(), limit=10):
    """Published articles whose title or topics hold a word like one of these.

    Index-backed pg_trgm word similarity, at its default threshold (0.6).
    """
    like = Q()
    for word in words:
        like |= Q(title__trigram_word_similar=word)
        like |= Q(topics__name__trigram_word_similar=word)
    matching = Article.objects.filter(like).values("pk")
    return (
        Article.objects.published()
        .filter(pk__in=matching)
        .exclude(pk__in=exclude)
        .annotate(similarity=TrigramWordSimilarity(" ".join(words), "title"))
        .select_related("author", "series")
        .order_by("-similarity", "-published_at")[:limit]
    )
