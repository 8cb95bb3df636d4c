"""Anonymous readers are served from a streaming replica that has caught up.

A real primary and a real streaming replica (pg_basebackup -R) run on
loopback; every statement each one runs is in its log, so the tests can tell
which server answered a page.
"""

import time

import pytest

from tests.servers import Reader, gunicorn, manage, site_environment

ARTICLE = '"articles_article"'


@pytest.fixture(scope="module")
def replica(primary):
    server = primary.replica("replica").start()
    yield server
    server.destroy()


@pytest.fixture(scope="module")
def site(primary, replica):
    env = site_environment(
        primary.url(),
        DATABASE_REPLICA_URLS=replica.url(),
        DATABASE_REPLICA_RETRY="1",
        PAGE_CACHE="off",  # every page rendered, so every read shows
    )
    with gunicorn(env) as base:
        yield base, env


class Answers:
    """What each server ran while a block of requests was served."""

    def __init__(self, *servers):
        self.servers = servers
        self.start = [len(server.statements()) for server in servers]

    def ran(self, server):
        index = self.servers.index(server)
        return server.statements()[self.start[index] :]


def wait_for_replay(primary, replica):
    [(lsn,)] = primary.execute("SELECT pg_current_wal_flush_lsn()::text")
    for _ in range(100):
        [(done,)] = replica.execute("SELECT pg_last_wal_replay_lsn() >= %s", [lsn])
        if done:
            return
        time.sleep(0.05)
    raise TimeoutError("the replica did not catch up")


def test_an_anonymous_page_is_read_from_the_replica(site, primary, replica, article):
    base, _ = site
    wait_for_replay(primary, replica)
    answers = Answers(primary, replica)

    html = Reader(base).get(article)

    assert "<article" in html
    assert ARTICLE in answers.ran(replica)
    assert ARTICLE not in answers.ran(primary)


def test_a_commenter_sees_their_own_comment_on_the_next_page(site, article):
    base, _ = site

    page = Reader(base).post_comment(
        article,
        name="Replica Reader",
        email="replica.reader@example.net",
        body="Written to the primary, seen at once.",
    )

    assert "Written to the primary, seen at once." in page
    assert "awaiting moderation" in page


def test_a_lagging_replica_is_passed_over_until_it_catches_up(
    site, primary, replica, article
):
    base, env = site
    replica.execute("SELECT pg_wal_replay_pause()")
    try:
        manage(
            "shell",
            "--no-imports",
            "-c",
            "from articles.models import Article\n"
            "article = Article.objects.order_by('published_at').first()\n"
            "article.title = 'Retitled while the replica waits'\n"
            "article.save()",
            env=env,
        )
        answers = Answers(primary, replica)

        html = Reader(base).get(article)

        assert "Retitled while the replica waits" in html
        assert ARTICLE in answers.ran(primary)
    finally:
        replica.execute("SELECT pg_wal_replay_resume()")
    wait_for_replay(primary, replica)
    answers = Answers(primary, replica)

    assert "Retitled while the replica waits" in Reader(base).get(article)
    assert ARTICLE in answers.ran(replica)


def test_a_replica_that_is_down_is_passed_over_and_taken_back(
    site, primary, replica, article
):
    base, _ = site
    replica.stop(mode="immediate")
    try:
        answers = Answers(primary, replica)
        assert "<article" in Reader(base).get(article)
        assert ARTICLE in answers.ran(primary)
    finally:
        replica.start()
    wait_for_replay(primary, replica)
    time.sleep(1.1)  # DATABASE_REPLICA_RETRY
    answers = Answers(primary, replica)

    assert "<article" in Reader(base).get(article)
    assert ARTICLE in answers.ran(replica)
