"""Full-text search over published articles, ranked by PostgreSQL."""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db.models import F, Func, IntegerField, Q, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import SEARCH_CONFIG, Article, SpellingWord

MAX_QUERY_LENGTH = 200
# Fewer full-text results than this, and the words no article contains are
# looked up by trigram similarity too (the close matches below the results).
FEW_RESULTS = 3
# How alike (pg_trgm similarity, 0 to 1) a word of the site must be to a
# typed word to be offered in its place: "databse" and "database" score 0.55,
# "databases" 0.38, "data" 0.44; the fewest letters changed decide among them.
SUGGESTION_SIMILARITY = 0.3
MIN_WORD_LENGTH = 3
_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD_LENGTH},}}")
# A snippet starts where its sentence does, at most this many characters
# before the match PostgreSQL picked.
LEAD_IN = 160
_SENTENCE_END = re.compile(r"[.!?]\s+|\n")
# Private-use characters mark the matches, so the rest can be escaped safely.
_START, _STOP = "\ue000", "\ue001"


class NumNode(Func):
    """How many lexemes and operators a tsquery holds: none for stop words."""

    function = "numnode"
    output_field = IntegerField()


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


def snippet_html(headline, text):
    """The headline PostgreSQL built from ``text``, escaped, with its matches
    in <mark>, begun at the start of its sentence (PostgreSQL cuts it where
    the matches fit) and marked "…" where it stops short of one's end."""
    plain = headline.replace(_START, "").replace(_STOP, "")
    at = text.find(plain) if plain else -1
    before = text[max(0, at - LEAD_IN) : at] if at > 0 else ""
    starts = [end.end() for end in _SENTENCE_END.finditer(before)]
    if starts:
        lead = before[starts[-1] :]
    elif at > LEAD_IN:  # a long sentence: its last words before the match
        lead = "… " + before.partition(" ")[2]
    else:
        lead = before
    tail = "" if plain.rstrip().endswith((".", "!", "?")) else " …"
    marked = escape(lead + headline + tail)
    marked = marked.replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(marked)  # noqa: S308 - every other character is escaped


def check_spelling(query):
    """The query's words that no published article contains, and a correction.

    Returns ``(lookalikes, suggestion)``: the lowercased words full-text
    search cannot find (stop words and words shorter than three letters are
    never unknown) with the closest word of the site's vocabulary for each,
    to look for by similarity; and the query with each unknown word replaced
    by that closest word, or None when there is nothing to correct. The
    vocabulary is the words of published articles (articles/spelling.py).
    """
    query = query[:MAX_QUERY_LENGTH]
    words = list(dict.fromkeys(w.lower() for w in _WORD.findall(query)))
    published = Article.objects.published().order_by()
    unknown = unknown_words(words, published=published) if words else []
    if not unknown:
        return [], None
    closest = closest_words(unknown)
    replace = {typed: fixed for typed, fixed in closest.items() if fixed != typed}
    suggestion = _WORD.sub(lambda m: replace.get(m[0].lower(), m[0]), query)
    return sorted({*unknown, *closest.values()}), (suggestion if replace else None)


def unknown_words(words, *, published):
    """The words no published article contains, by full-text search (so
    stems count), in one query; a stop word is never unknown."""
    parts = []
    for word in words:
        typed = SearchQuery(word, config=SEARCH_CONFIG)
        contain = published.filter(search_vector=typed)
        # Full-text search drops a stop word from any query: a row for it
        # from any published article (with none, nothing is known anyway).
        ignore = published.alias(nodes=NumNode(typed)).filter(nodes=0)
        parts += [found.values_list(Value(word))[:1] for found in (contain, ignore)]
    known = {word for (word,) in parts[0].union(*parts[1:], all=True)}
    return [word for word in words if word not in known]


class Levenshtein(Func):
    """How many letters to add, drop or change to turn one word into another
    (PostgreSQL's fuzzystrmatch)."""

    function = "levenshtein"
    output_field = IntegerField()


def closest_words(words):
    """Each word's likeliest meaning among the words of the published
    articles: a few trigrams alike, then the fewest letters changed, the
    most alike, the most used; None when nothing is close enough."""
    closest = {}
    for word in words:
        candidates = (
            SpellingWord.objects.alias(
                similarity=TrigramSimilarity("word", word),
                distance=Levenshtein("word", Value(word)),
            )
            .filter(
                similarity__gte=SUGGESTION_SIMILARITY,
                distance__lte=max(2, len(word) // 3),
            )
            .order_by("distance", "-similarity", "-articles", "word")
        )
        if like := candidates.values_list("word", flat=True).first():
            closest[word] = like
    return closest


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
