"""The periodic fold turns what every worker counted into daily rows, once."""

import logging
from datetime import UTC, datetime
from io import StringIO

import psycopg
import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from analytics import store
from analytics.fold import LOCK
from analytics.fold import fold as fold_counts
from analytics.models import DailyCount, DailyVisitors, FunnelStep
from analytics.tally import Tally
from tests.analytics.conftest import BROWSER
from tests.factories import ArticleFactory, SeriesFactory

pytestmark = pytest.mark.django_db

EVENING = datetime(2026, 3, 1, 23, 50, tzinfo=UTC)
AFTER_MIDNIGHT = datetime(2026, 3, 2, 0, 3, tzinfo=UTC)
CLOSED = datetime(2026, 3, 2, 0, 30, tzinfo=UTC)
LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


def totals(article):
    row = DailyCount.objects.get(entry=article.entry_id)
    return row.views, row.reads, row.visitors


def test_counts_of_every_worker_add_up_and_a_visitor_counts_once(worker, fold):
    article = ArticleFactory()
    path = article.get_absolute_url()
    other_worker = Tally()
    for tally in (worker, other_worker, other_worker):
        tally.view(path=path, visitor=("203.0.113.9", BROWSER))
    other_worker.read(path=path)
    other_worker.flush()

    fold()

    assert totals(article) == (3, 1, 1)
    assert DailyVisitors.objects.get().visitors == 1


def test_the_periodic_jobs_fold_the_counts_like_their_other_work(worker):
    article = ArticleFactory()
    worker.view(path=article.get_absolute_url(), visitor=("203.0.113.9", BROWSER))
    worker.flush()
    said = StringIO()

    call_command("run_jobs", stdout=said)

    assert "fold_counts: running" in said.getvalue()
    assert totals(article) == (1, 0, 1)


def test_folding_again_counts_nothing_twice_and_adds_what_is_new(worker, fold):
    article = ArticleFactory()
    path = article.get_absolute_url()
    worker.view(path=path, visitor=("203.0.113.9", BROWSER))
    fold()
    fold()
    assert totals(article) == (1, 0, 1)

    worker.view(path=path, visitor=("198.51.100.4", BROWSER))
    worker.view(path=path, visitor=("203.0.113.9", BROWSER))
    fold()

    assert totals(article) == (3, 0, 2)


def test_a_series_shows_how_many_readers_of_part_one_went_on_the_same_day(worker, fold):
    series = SeriesFactory()
    one, two, three = (
        ArticleFactory(series=series, series_position=n) for n in (1, 2, 3)
    )
    opened = {
        "198.51.100.1": [one, two, three],
        "198.51.100.2": [two, one],  # part 2 before part 1: not read on
        "198.51.100.3": [one],
        "198.51.100.4": [three],
    }
    for address, articles in opened.items():
        for article in articles:
            worker.view(path=article.get_absolute_url(), visitor=(address, BROWSER))
    worker.view(path=two.get_absolute_url())  # asked not to be tracked

    fold()

    steps = {
        step.step_id: step.visitors
        for step in FunnelStep.objects.filter(start=one.entry)
    }
    assert steps == {one.entry_id: 3, two.entry_id: 1, three.entry_id: 1}


def test_the_days_salt_is_gone_at_midnight_and_its_keys_once_the_day_closes(
    worker, fold
):
    article = ArticleFactory(published_at=LONG_AGO)
    with time_machine.travel(EVENING, tick=False):
        worker.view(path=article.get_absolute_url(), visitor=("203.0.113.9", BROWSER))
        fold()
        day = store.today()
        assert cache.get(store.salt_key(day)) is not None
        assert cache.get(store.state_key(day))["counts"]["visitors"]

    with time_machine.travel(AFTER_MIDNIGHT, tick=False):
        fold()
        assert cache.get(store.salt_key(day)) is None
        assert cache.get(store.state_key(day)) is not None  # late batches may come

    with time_machine.travel(CLOSED, tick=False):
        fold()
        assert cache.get(store.state_key(day)) is None
        assert store.workers(day) == {}
    assert totals(article) == (1, 0, 1)


def test_the_same_reader_the_next_day_has_another_key(worker):
    with time_machine.travel(EVENING, tick=False):
        today = worker.visitor_key(store.today(), ("203.0.113.9", BROWSER))
        assert today == worker.visitor_key(store.today(), ("203.0.113.9", BROWSER))
    with time_machine.travel(AFTER_MIDNIGHT, tick=False):
        tomorrow = worker.visitor_key(store.today(), ("203.0.113.9", BROWSER))

    assert today != tomorrow


def test_counts_handed_over_after_their_day_closed_are_dropped_and_said(
    worker, fold, caplog
):
    article = ArticleFactory(published_at=LONG_AGO)
    with time_machine.travel(EVENING, tick=False):
        worker.view(path=article.get_absolute_url())
    with time_machine.travel(CLOSED, tick=False), caplog.at_level(logging.WARNING):
        fold()

    assert not DailyCount.objects.exists()
    assert "Counts of 2026-03-01 came too late to be kept." in caplog.messages


def test_a_full_buffer_drops_new_counts_rather_than_grow(
    worker, fold, settings, caplog
):
    settings.ANALYTICS_BUFFER_SIZE = 2
    article = ArticleFactory()
    for _ in range(25):
        worker.view(path=article.get_absolute_url())

    with caplog.at_level(logging.WARNING):
        fold()

    assert totals(article) == (20, 0, 0)
    assert "5 counts dropped: the shared cache took none." in caplog.messages


def test_a_second_fold_at_the_same_time_leaves_the_day_to_the_first():
    # The periodic job may start on two servers at once: one folds.
    with psycopg.connect(**connection.get_connection_params()) as other_server:
        other_server.execute("SELECT pg_advisory_lock(%s)", [LOCK])

        assert fold_counts() is False
    assert fold_counts() is True
