"""Background work on many servers: every mail once, every periodic job once."""

import re
import signal
import subprocess
import sys
from contextlib import contextmanager

import psycopg
import pytest

from tests.servers import ROOT, manage, site_environment, smtp_server, wait_until

ENQUEUE = """
from django.contrib.auth.models import User
from articles.models import Article
from comments.models import Comment, Status
from comments.tasks import notify_moderators
User.objects.filter(username="moderator").delete()
User.objects.create_superuser("moderator", "moderator@example.net", "x" * 20)
article = Article.objects.first()
for number in range(40):
    comment = Comment.objects.create(
        entry=article.entry, name="Queued", email="queued@example.net",
        body=f"Queued comment {number}.", status=Status.PENDING,
    )
    notify_moderators.enqueue(comment.pk)
"""


@pytest.fixture
def inbox():
    with smtp_server() as (handler, port):
        yield handler, port


def test_two_task_workers_send_each_moderator_mail_exactly_once(primary, inbox):
    handler, smtp_port = inbox
    env = site_environment(primary.url(), EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}")
    [(started,)] = primary.execute("SELECT now()")
    manage("shell", "--no-imports", "-c", ENQUEUE, env=env)

    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0]

    bodies = sorted(
        line
        for message in handler.messages
        for line in message.get_payload().splitlines()
        if re.fullmatch(r"Queued comment \d+\.", line)
    )
    assert bodies == sorted(f"Queued comment {number}." for number in range(40))
    [(workers_seen,)] = primary.execute(
        "SELECT count(DISTINCT worker_ids::text)"
        " FROM django_tasks_database_dbtaskresult"
        " WHERE enqueued_at > %s",
        (started,),
    )
    assert workers_seen == 2  # both took a share of the queue


@pytest.fixture
def no_job_run_yet(primary):
    """The periodic jobs as on a new cluster, before and after the test."""
    primary.execute("DELETE FROM jobs_periodicjob")
    yield
    primary.execute("DELETE FROM jobs_periodicjob")


def test_a_periodic_job_runs_once_per_period_for_the_whole_cluster(
    primary, no_job_run_yet
):
    env = site_environment(primary.url())
    servers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "run_jobs"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [server.communicate(timeout=120)[0] for server in servers]

    ran = [output for output in outputs if "apply_comment_retention: running" in output]
    assert len(ran) == 1
    assert "Retention (30 days)" in ran[0]
    later = manage("run_jobs", env=env).stdout
    assert "apply_comment_retention: already run in this period" in later


# The retention job's first statement waits while comments are locked.
RETENTION_WAITING = (
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE \"comments_comment\"%%'"
)
AN_HOUR_LATER = """
from datetime import timedelta
import time_machine
from django.core.management import call_command
from django.utils import timezone
with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
    call_command("run_jobs")
"""


@contextmanager
def runner_stuck_in_retention(primary, env):
    """A runner that took the retention job and waits on the comments table."""
    with psycopg.connect(primary.url()) as lock:
        lock.execute("LOCK TABLE comments_comment IN ACCESS EXCLUSIVE MODE")
        runner = subprocess.Popen(
            [sys.executable, "manage.py", "run_jobs"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_until(
                lambda: primary.execute(RETENTION_WAITING) == [(1,)],
                timeout=60,
                what="the retention job",
            )
            yield runner
        finally:
            runner.kill()
            runner.communicate(timeout=30)
            lock.rollback()


def test_a_runner_killed_mid_job_keeps_it_until_its_lease_ends(primary, no_job_run_yet):
    env = site_environment(primary.url())
    with runner_stuck_in_retention(primary, env) as runner:
        runner.send_signal(signal.SIGKILL)
        runner.wait(timeout=30)

    meanwhile = manage("run_jobs", env=env).stdout
    later = manage("shell", "--no-imports", "-c", AN_HOUR_LATER, env=env).stdout

    assert "apply_comment_retention: held by another runner" in meanwhile
    assert "apply_comment_retention: running" in later
    assert "Retention (30 days)" in later


def test_a_runner_stopped_with_sigterm_gives_its_job_back_to_the_next_run(
    primary, no_job_run_yet
):
    env = site_environment(primary.url())
    with runner_stuck_in_retention(primary, env) as runner:
        runner.send_signal(signal.SIGTERM)
        assert runner.wait(timeout=30) == 128 + signal.SIGTERM

    after = manage("run_jobs", env=env).stdout

    assert "apply_comment_retention: running" in after
    assert "Retention (30 days)" in after
