"""An allowance per address holds across workers and servers, atomically."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from ratelimits.models import Counter, consume

pytestmark = pytest.mark.django_db


def _in_own_connection(function, *args, **kwargs):
    """Run in a worker thread, as one request of another worker would."""
    try:
        return function(*args, **kwargs)
    finally:
        connection.close()


def _consume_burst(subject):
    return _in_own_connection(consume, "burst", subject, limit=5, window=600)


def test_a_concurrent_burst_from_one_address_cannot_slip_past_the_limit():
    with ThreadPoolExecutor(max_workers=16) as pool:
        try:
            allowed = list(pool.map(_consume_burst, ["198.51.100.7"] * 40))
        finally:  # the threads committed; clear up what they wrote
            pool.submit(_in_own_connection, Counter.objects.all().delete).result()

    assert allowed.count(True) == 5


def test_each_address_and_each_scope_has_its_own_allowance():
    assert consume("comments", "198.51.100.1", limit=1, window=600)
    assert consume("comments", "198.51.100.2", limit=1, window=600)
    assert consume("mail", "198.51.100.1", limit=1, window=600)
    assert not consume("comments", "198.51.100.1", limit=1, window=600)


def test_the_allowance_comes_back_when_the_window_ends():
    assert consume("comments", "198.51.100.1", limit=1, window=600)
    assert not consume("comments", "198.51.100.1", limit=1, window=600)

    Counter.objects.update(window_ends=timezone.now() - timedelta(seconds=1))

    assert consume("comments", "198.51.100.1", limit=1, window=600)


def test_the_table_holds_no_address_or_email_in_clear():
    consume("comments", "198.51.100.1", limit=5, window=600)
    consume("mail", "Ada@Example.net", limit=5, window=600)

    keys = " ".join(Counter.objects.values_list("key", flat=True))
    assert "198.51.100.1" not in keys and "example.net" not in keys.casefold()


def test_windows_that_ended_long_ago_are_cleared_when_a_new_one_starts():
    consume("comments", "198.51.100.1", limit=5, window=600)
    Counter.objects.update(window_ends=timezone.now() - timedelta(days=2))

    consume("comments", "198.51.100.2", limit=5, window=600)

    assert Counter.objects.count() == 1
