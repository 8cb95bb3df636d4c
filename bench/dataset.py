"""The benchmark's data set: a site some years old, in a database of its own.

About 2,000 published articles in 20 topics and 10 series, some drafts and
scheduled posts, 50,000 approved comments, and one article with 300 comments
threaded three deep. Bodies are the series' own parts, so pages are as long
and as highlighted as real ones. Seeded: every run builds the same site.
"""

import random
from collections import Counter
from datetime import timedelta
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

ARTICLES = 2_000
DRAFTS = SCHEDULED = 20
TOPICS, SERIES = 20, 10
COMMENTS = 50_000
THREAD = 300  # comments on the busiest article, threaded three deep
BUSY_SLUG = "busy-article"
PLAIN_SLUG = "article-1000"
CONTENT = Path(__file__).resolve().parent.parent / "content" / "backend-intro"


def build():
    from articles.models import Author, Series, Topic

    rng = random.Random(2026)  # noqa: S311 - sample data, not secrets
    bodies = [path.read_text().split("\n---\n", 1)[1] for path in CONTENT.glob("*.md")]
    with transaction.atomic():
        author = Author.objects.create(name="Bench Author", slug="bench-author")
        topics = [
            Topic.objects.create(name=f"Topic {n}", slug=f"topic-{n}")
            for n in range(TOPICS)
        ]
        series = [
            Series.objects.create(title=f"Series {n}", slug=f"series-{n}")
            for n in range(SERIES)
        ]
        articles = _articles(rng, bodies, author, topics, series)
        _comments(rng, articles)


def _articles(rng, bodies, author, topics, series):
    """Articles in bulk, rendered once per distinct body as Article.save would."""
    from articles.models import Article
    from publishing.markdown import render_markdown
    from publishing.models import Status

    rendered = {body: render_markdown(body) for body in bodies}
    now = timezone.now()
    rows, parts = [], Counter()
    for n in range(ARTICLES + DRAFTS + SCHEDULED):
        status, published = Status.PUBLISHED, now - timedelta(hours=n + 1)
        if n >= ARTICLES + DRAFTS:
            published = now + timedelta(days=n)
        elif n >= ARTICLES:
            status = Status.DRAFT
        in_series = series[n % SERIES] if n < ARTICLES and n % 4 == 0 else None
        if in_series:
            parts[in_series.pk] += 1
        body = rng.choice(bodies)
        rows.append(
            Article(
                title=f"Article {n}: notes on the back end",
                slug=BUSY_SLUG if n == 1 else f"article-{n}",
                summary=f"What part {n} says about servers, data and caches.",
                body=body,
                body_html=rendered[body].html,
                body_text=rendered[body].text,
                toc=rendered[body].toc,
                word_count=rendered[body].word_count,
                author=author,
                status=status,
                published_at=published,
                content_changed_at=published,
                series=in_series,
                series_position=parts[in_series.pk] if in_series else None,
            )
        )
    made = Article.objects.bulk_create(rows, batch_size=500)
    _entries(made)
    Article.topics.through.objects.bulk_create(
        Article.topics.through(article=article, topic=topic)
        for article in made
        for topic in rng.sample(topics, 2)
    )
    return [a for a in made if a.status == Status.PUBLISHED and a.published_at < now]


def _entries(articles):
    """The entry of each article, as its first save would create it."""
    from django.contrib.contenttypes.models import ContentType

    from publishing.models import Entry

    kind = ContentType.objects.get_for_model(articles[0])
    entries = Entry.objects.bulk_create(
        (
            Entry(
                content_type=kind,
                object_id=article.pk,
                title=article.title,
                path=article.get_absolute_url(),
            )
            for article in articles
        ),
        batch_size=1_000,
    )
    for article, entry in zip(articles, entries, strict=True):
        article.entry = entry
    type(articles[0]).objects.bulk_update(articles, ["entry"], batch_size=1_000)


def _comments(rng, articles):
    """Comments in bulk, with the ids and thread paths Comment.save would give."""
    from comments.counts import recount
    from comments.models import PATH_STEP, Comment, Status

    busy, others = articles[1], articles[2:]
    rows, pk = [], 0
    for n in range(COMMENTS):
        pk += 1
        article = busy if n < THREAD else rng.choice(others)
        parent = rows[-1] if n < THREAD and n % 3 else None
        depth = parent.depth + 1 if parent else 1
        rows.append(
            Comment(
                pk=pk,
                entry_id=article.entry_id,
                parent=parent,
                name=f"Reader {n % 700}",
                email=f"reader{n % 700}@example.net",
                body=f"Comment {n}: a thought about this part, with a question.",
                body_html=f"<p>Comment {n}: a thought about this part.</p>",
                status=Status.APPROVED,
                depth=depth,
                path=f"{parent.path if parent else ''}{pk:0{PATH_STEP}d}/",
            )
        )
    Comment.objects.bulk_create(rows, batch_size=5_000)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('comments_comment', 'id'), %s)",
            [pk],
        )
    recount(article.entry_id for article in articles)
