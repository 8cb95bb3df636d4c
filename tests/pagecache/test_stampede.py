"""Many readers of one page that just went stale or missing: it renders once.

Each reader runs in a thread of its own with its own database connection,
as gunicorn's workers do; the page cache's answer header says which request
rendered the page (``miss``), which got the previous copy (``stale``) and
which the new one (``hit``).
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client, RequestFactory

from comments.models import Status
from pagecache import keys, store
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
READERS = 32


def read_all_at_once(path):
    """What each of READERS readers asking for ``path`` at the same moment got."""
    start = threading.Barrier(READERS)

    def read(_):
        try:
            start.wait()
            response = Client().get(path)
            return response["X-Page-Cache"], response["ETag"], response.content
        finally:
            connection.close()

    with ThreadPoolExecutor(READERS) as pool:
        return list(pool.map(read, range(READERS)))


def test_after_an_edit_one_reader_renders_and_the_others_get_the_last_copy():
    article = ArticleFactory(title="Before the edit")
    path = article.get_absolute_url()
    Client().get(path)
    article.title = "After the edit"
    article.save()

    answers = read_all_at_once(path)

    how = [answer for answer, _, _ in answers]
    assert how.count("miss") == 1
    assert set(how) <= {"miss", "stale", "hit"}
    rendered = next(content for answer, _, content in answers if answer == "miss")
    assert "After the edit" in rendered.decode()
    assert "After the edit" in Client().get(path).content.decode()


def test_a_page_nobody_has_yet_renders_once_while_the_others_wait_for_it():
    path = ArticleFactory().get_absolute_url()

    answers = read_all_at_once(path)

    how = [answer for answer, _, _ in answers]
    assert how.count("miss") == 1
    assert how.count("hit") == READERS - 1  # the one render, once stored
    assert len({etag for _, etag, _ in answers}) == 1


def test_after_a_comment_is_removed_no_reader_gets_a_copy_showing_it():
    comment = CommentFactory(body="Regretted words.")
    path = comment.target.get_absolute_url()
    assert "Regretted words." in Client().get(path).content.decode()
    comment.status = Status.REMOVED
    comment.save()  # as the moderator's form saves it

    answers = read_all_at_once(path)

    how = [answer for answer, _, _ in answers]
    assert how.count("miss") == 1 and "stale" not in how
    assert not any(b"Regretted words." in content for _, _, content in answers)


@contextmanager
def another_reader_rendering(path):
    """As while another reader's request renders ``path`` afresh."""
    key = keys.key(RequestFactory().get(path))
    assert store.rendering(key)
    try:
        yield
    finally:
        store.rendered(key)


def test_while_a_page_renders_after_an_approval_its_last_copy_stands_in():
    comment = CommentFactory(status=Status.PENDING, body="Worth the wait.")
    path = comment.target.get_absolute_url()
    Client().get(path)
    comment.status = Status.APPROVED
    comment.save()  # as the moderator's form saves it

    with another_reader_rendering(path):
        meanwhile = Client().get(path)

    assert meanwhile["X-Page-Cache"] == "stale"
    assert "Worth the wait." not in meanwhile.content.decode()
    assert "Worth the wait." in Client().get(path).content.decode()


@pytest.mark.parametrize("change", ["removed", "edited", "erased"])
def test_while_a_page_renders_after_a_comment_is_taken_back_no_copy_stands_in(
    settings, change
):
    settings.PAGE_CACHE_RENDER_SECONDS = 0.2  # the other render, given up on
    comment = CommentFactory(body="Regretted words.")
    path = comment.target.get_absolute_url()
    Client().get(path)
    if change == "removed":
        comment.status = Status.REMOVED
        comment.save()
    elif change == "edited":
        comment.body = "Kinder words."
        comment.save()
    else:
        comment.delete()

    with another_reader_rendering(path):
        meanwhile = Client().get(path)

    assert meanwhile["X-Page-Cache"] == "miss"
    assert "Regretted words." not in meanwhile.content.decode()
