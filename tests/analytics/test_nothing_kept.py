"""A day of counting leaves numbers only: once the day is folded and closed,
no salt, visitor key, address or user agent is anywhere in the database, the
cache (the database's, or Redis) or the logs."""

import base64
import io
import logging
import pickle
import shutil
from datetime import UTC, datetime

import pytest
import redis
import time_machine
from django.core.cache import cache
from django.db import connection

from analytics import store
from analytics.models import DailyCount, DailyReferrer, DailySearch
from tests.analytics.conftest import BROWSER
from tests.factories import ArticleFactory
from tests.servers import redis_server
from web.logs import JsonFormatter

pytestmark = pytest.mark.django_db

MORNING = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
CLOSED = datetime(2026, 5, 5, 0, 30, tzinfo=UTC)
ADDRESSES = ("203.0.113.77", "2001:db8::7e57")
AGENT = BROWSER + " Reader-Marker/7"


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, settings):
    """Scan the cache in use: every entry's key and what it holds."""
    if request.param == "database":
        yield database_cache_entries
        return
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    with redis_server() as url:
        settings.CACHES = {
            **settings.CACHES,
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                        "LOCATION": url},
        }  # fmt: skip
        yield lambda: redis_entries(url)


def database_cache_entries():
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM django_cache")
        return [
            (key, repr(pickle.loads(base64.b64decode(value))))  # noqa: S301 - ours
            for key, value in cursor.fetchall()
        ]


def redis_entries(url):
    server = redis.from_url(url)
    return [(key.decode(), repr(server.get(key))) for key in server.scan_iter()]


def database_text():
    """Every row of every table of the site's database, as text."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            " AND tablename != 'django_cache'"
        )
        tables = [name for (name,) in cursor.fetchall()]
        text = []
        for table in tables:
            cursor.execute(f'SELECT t::text FROM "{table}" t')  # noqa: S608 - names from pg_tables
            text += [row for (row,) in cursor.fetchall()]
    return "\n".join(text)


@pytest.fixture
def logs():
    """Everything logged, as the site writes it (JSON lines)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    level, root.level = root.level, logging.DEBUG
    yield stream
    root.removeHandler(handler)
    root.level = level


def count_a_day(beacon, fold, articles):
    for number, article in enumerate(articles):
        path = article.get_absolute_url()
        for address in ADDRESSES:
            beacon(path, address=address, agent=AGENT, r="news.example.org")
            beacon(path, "r", address=address, agent=AGENT)
        beacon("/search/", q=f"nothing about {number}", agent=AGENT)
        fold()  # the periodic job runs through the day


def test_after_the_day_only_numbers_are_left(beacon, fold, worker, shared_cache, logs):
    articles = ArticleFactory.create_batch(
        3, published_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    with time_machine.travel(MORNING, tick=False):
        count_a_day(beacon, fold, articles)
        day = store.today()
        salt = cache.get(store.salt_key(day))
        keys = list(cache.get(store.state_key(day))["counts"]["visitors"])
    with time_machine.travel(CLOSED, tick=False):
        fold()

    assert DailyCount.objects.filter(views=2, reads=2, visitors=2).count() == 3
    assert DailyReferrer.objects.count() == 3 and DailySearch.objects.count() == 3
    secrets = [*ADDRESSES, AGENT, "Reader-Marker", *keys, salt.hex(), repr(salt)]
    entries = shared_cache()
    places = {
        "database": database_text(),
        "cache": "\n".join(f"{key} {value}" for key, value in entries),
        "logs": logs.getvalue(),
    }
    assert len(keys) == 2 and "Reader-Marker" not in places["logs"]
    found = {(place, s) for place, text in places.items() for s in secrets if s in text}
    assert found == set()
    assert [key for key, _ in entries if ":stats:" in key] == []
