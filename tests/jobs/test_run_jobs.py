"""Periodic jobs: each runs once per period for the cluster, and a failure
costs one run, not the period, nor the jobs after it."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from jobs.models import PeriodicJob
from subscriptions.models import Subscriber
from tests.factories import CommentFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def retention_broken(settings):
    """A setting the retention job cannot read: it fails at every run, as a
    job does while a service it needs is down, until put right."""
    settings.COMMENTS_RETENTION_DAYS = "thirty"
    return settings


def old_comment():
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        return CommentFactory(ip_address="203.0.113.9")


def expired_session():
    return Session.objects.create(
        session_key="k" * 32,
        session_data="",
        expire_date=timezone.now() - timedelta(minutes=1),
    )


def expired_sign_up():
    with time_machine.travel(timezone.now() - timedelta(hours=49)):
        sign_up = SubscriberFactory(confirmed_at=None)
        sign_up.new_token()
    return sign_up


def run_jobs():
    """One run of the jobs, as cron starts it: what it said, and its error."""
    out, error = StringIO(), None
    try:
        call_command("run_jobs", stdout=out, stderr=StringIO())
    except CommandError as failed:
        error = str(failed)
    return out.getvalue(), error


def test_a_failing_job_does_not_stop_the_jobs_after_it(retention_broken):
    session, sign_up = expired_session(), expired_sign_up()

    said, error = run_jobs()

    assert "apply_comment_retention: running" in said  # first in PERIODIC_JOBS
    assert error == "Failed, to be retried at the next run: apply_comment_retention."
    assert "clearsessions: running" in said
    assert "expire_sign_ups: running" in said
    assert not Session.objects.filter(pk=session.pk).exists()
    assert not Subscriber.objects.filter(pk=sign_up.pk).exists()


def test_a_failing_job_is_retried_at_the_next_run(retention_broken):
    comment = old_comment()
    run_jobs()
    retention_broken.COMMENTS_RETENTION_DAYS = 30  # put right

    said, error = run_jobs()

    assert error is None
    assert "apply_comment_retention: running" in said
    assert "clearsessions: already run in this period" in said
    comment.refresh_from_db()
    assert comment.ip_address is None


def test_a_job_that_ran_waits_for_its_next_period():
    run_jobs()
    session = expired_session()

    assert "clearsessions: already run in this period" in run_jobs()[0]
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        assert "clearsessions: running" in run_jobs()[0]
    assert not Session.objects.filter(pk=session.pk).exists()


def test_a_runner_that_died_holding_a_job_keeps_it_until_its_lease_ends():
    session = expired_session()
    PeriodicJob.objects.claim("clearsessions", lease=60 * 60)  # then killed

    assert "clearsessions: held by another runner" in run_jobs()[0]
    assert Session.objects.filter(pk=session.pk).exists()
    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=1)):
        assert "clearsessions: running" in run_jobs()[0]
    assert not Session.objects.filter(pk=session.pk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runners_claiming_at_the_same_moment_get_a_job_once():
    rounds, runners = 30, 2
    start = threading.Barrier(runners)
    taken = {round: [] for round in range(rounds)}

    def runner():
        try:
            for round in range(rounds):
                start.wait(timeout=30)
                holder = PeriodicJob.objects.claim(f"job-{round}", lease=60)
                taken[round].append(holder)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner) for _ in range(runners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert [sum(h is not None for h in holders) for holders in taken.values()] == [
        1
    ] * rounds
