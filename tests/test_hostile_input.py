"""Hostile input thrown at random: the site answers a 4xx or a form with its
errors, never a 5xx, and the database holds only what was validly accepted.

Examples per property (hypothesis, no deadline):

- the comment form, every field, extra fields and forged origins: 150
- the comment form's address with methods other than GET and POST: 20
- query parameters of every public page: 150
- path segments of every public page: 100

Each example runs in a savepoint rolled back at its end, so the site the
fixtures build is shared by every example and nothing one example stores
is there for the next: the reason function-scoped fixtures are fine here.
"""

from contextlib import contextmanager
from urllib.parse import quote_from_bytes

import pytest
from django.db import connection, transaction
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from comments.forms import HONEYPOT
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
FIELDS = (
    "name", "email", "website", "body", "timestamp", "parent", "remember", HONEYPOT,
)  # fmt: skip
EDGE_CASES = [
    b"", b" ", b"\x00", b"\xc0\x80", b"\xff\xfe", b"\x80",
    b"\xed\xa0\x80", b"\xed\xbf\xbf\xed\xa0\x80",  # lone surrogates
    "\u202e".encode(), "\ufeff".encode(), "²".encode(), "١٢".encode(),
    b"9" * 30, b"-1", b"0", b"1e5", b"NaN", b"%00", b"../../etc/passwd",
    b"' OR 1=1 --", b"<script>alert(1)</script>", b"https://example.org/",
    b"x" * 1_000_000,  # 1 MB: under the upload limit, so the form reads it
    "é".encode() * 200_000,  # 2.4 MB percent-encoded, over the upload limit
]  # fmt: skip
invisible = st.characters(categories=["Cc", "Cf", "Co", "Mn", "Zl", "Zp"])
values = st.one_of(
    st.text().map(str.encode),
    st.text(invisible).map(str.encode),
    st.binary(),
    st.sampled_from(EDGE_CASES),
)
names = st.one_of(st.sampled_from(FIELDS), st.text(max_size=20), st.binary())
origins = st.sampled_from(
    [
        {},
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_COOKIE": "csrftoken=forged", "HTTP_X_CSRFTOKEN": "forged"},
    ]
)
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextmanager
def rolled_back():
    """Undo everything the block writes."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def rows_written():
    """Rows inserted, updated or deleted in this transaction so far."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
            " FROM pg_stat_xact_user_tables"
        )
        return cursor.fetchone()[0]


def encoded(pairs):
    """Pairs percent-encoded as a browser sends them, whatever their bytes."""
    return "&".join(
        f"{quote_from_bytes(_bytes(name))}={quote_from_bytes(value)}"
        for name, value in pairs
    )


def _bytes(name):
    return name.encode() if isinstance(name, str) else name


@pytest.fixture
def site():
    """An article in a topic and a series, with an approved comment."""
    topic, series = TopicFactory(), SeriesFactory()
    article = ArticleFactory(topics=[topic], series=series, series_position=1)
    CommentFactory(article=article)
    return {"article": article.slug, "topic": topic.slug, "series": series.slug}


@settings(FUZZ, max_examples=150)
@given(
    fields=st.dictionaries(st.sampled_from(FIELDS), values),
    missing=st.sets(st.sampled_from(FIELDS)),
    extra=st.lists(st.tuples(names, values), max_size=3),
    headers=origins,
)
@example(fields={"name": "\u202e".encode()}, missing=set(), extra=[], headers={})
def test_a_comment_form_sent_with_anything_is_stored_once_or_not_at_all(
    site, comment_data, fields, missing, extra, headers
):
    article = f"/articles/{site['article']}/"
    pairs = [
        *((name, value.encode()) for name, value in comment_data().items()),
        *fields.items(),
        *extra,
    ]
    body = encoded((name, value) for name, value in pairs if name not in missing)
    client = Client(enforce_csrf_checks=True)
    with rolled_back():
        before, written = Comment.objects.count(), rows_written()

        response = client.post(
            f"{article}comments/", body, content_type=FORM, **headers
        )

        assert response.status_code < 500
        if response.status_code == 302:
            assert Comment.objects.count() == before + 1
            comment = Comment.objects.latest("pk")
            comment.full_clean()
            assert response["Location"].endswith(f"#comment-{comment.pk}")
            page = client.get(article)
            assert page.status_code == 200
            assert page.content.decode().count(f'id="comment-{comment.pk}"') == 1
        else:
            if response.status_code == 200:
                assert 'id="comment-errors"' in response.content.decode()
            else:
                assert 400 <= response.status_code < 500
            assert rows_written() == written


@settings(FUZZ, max_examples=20)
@given(
    method=st.sampled_from(["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]),
    body=values,
)
def test_other_methods_on_the_comment_form_are_not_allowed(site, method, body):
    url = f"/articles/{site['article']}/comments/"
    with rolled_back():
        written = rows_written()

        response = Client(enforce_csrf_checks=True).generic(method, url, body, FORM)

        assert response.status_code == 405
        assert rows_written() == written


PAGES = [
    "/", "/articles/", "/articles/{article}/", "/articles/{article}.md",
    "/articles/{article}/comments/", "/series/{series}/", "/topics/{topic}/",
    "/search/", "/feeds/rss/", "/topics/{topic}/atom/", "/series/{series}/rss/",
    "/feeds/comments/rss/", "/articles/{article}/comments/atom/",
    "/sitemap.xml", "/sitemap-articles.xml", "/llms.txt", "/robots.txt",
]  # fmt: skip
PARAMETERS = ("q", "page", "replyto", "p", "utm_source")


@settings(FUZZ, max_examples=150)
@given(
    page=st.sampled_from(PAGES),
    parameters=st.lists(
        st.tuples(st.one_of(st.sampled_from(PARAMETERS), names), values),
        min_size=1,
        max_size=4,
    ),
)
@example(page="/articles/{article}/", parameters=[("replyto", "²".encode())])
def test_any_query_string_on_a_public_page_is_answered_without_error(
    site, page, parameters
):
    with rolled_back():
        written = rows_written()

        response = Client().get(f"{page.format(**site)}?{encoded(parameters)}")

        assert response.status_code < 500
        assert rows_written() == written


SLUGGED = [page for page in PAGES if "{" in page]


@settings(FUZZ, max_examples=100)
@given(page=st.sampled_from(SLUGGED), segment=values, tail=st.lists(values, max_size=2))
def test_any_path_segment_on_a_public_page_is_answered_without_error(
    site, page, segment, tail
):
    hostile = {key: quote_from_bytes(segment) for key in site}
    path = "/".join([page.format(**hostile), *map(quote_from_bytes, tail)])
    with rolled_back():
        written = rows_written()

        response = Client().get(path)

        assert response.status_code < 500
        assert rows_written() == written
