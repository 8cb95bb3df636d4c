"""Background work on many servers: every mail once, every periodic job once."""

import re
import subprocess
import sys

import pytest

from tests.servers import ROOT, manage, site_environment, smtp_server

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


def test_a_periodic_job_runs_once_per_period_for_the_whole_cluster(primary):
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
