"""What a change evicts from the page cache: the pages showing it, and no other.

Models that pages show declare their cache tags (``purge_tags()``); a save
of anything else evicts no page and queues no purge of caches in front.
"""

from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import Group
from django.db.models.signals import post_save
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article, Author, Series, Topic
from comments.models import Comment
from editing.models import AuditResult, LinkCheck
from federation.models import Follower
from pagecache.purge import purge_http_caches
from pagecache.tags import declares_tags
from pages.models import Page
from ratelimits.models import consume
from seo.models import ShareImage
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    PageFactory,
    SeriesFactory,
    TopicFactory,
)
from wordpress.models import ImportRun

pytestmark = pytest.mark.django_db
PURGE_TASK = "pagecache.purge.purge_http_caches"
# What pages show: a change to any of these may change a page.
# Followers are counted in the public followers collections (federation/).
SHOWN = {Article, Author, Series, Topic, Page, Comment, ShareImage, Follower}


@pytest.fixture(autouse=True)
def purged_node(settings):
    settings.HTTP_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]


def fetch(path):
    return Client().get(path)


def cached(*paths):
    for path in paths:
        fetch(path)
        assert fetch(path)["X-Page-Cache"] == "hit", path
    return paths


def purges_queued():
    return DBTaskResult.objects.filter(task_path=PURGE_TASK).count()


def keep_open(editor_client, article, *, typed):
    """What the article form's script sends while an editor has it open:
    who is there, and the draft typed so far."""
    editing = f"/admin/editing/entries/{article.entry_id}"
    assert editor_client.post(f"{editing}/presence/").status_code == 200
    draft = {"title": "Typing…", "body": typed, "version": article.version}
    assert editor_client.post(f"{editing}/draft/", draft).status_code == 200


@pytest.fixture
def site(editor_client):
    """A site with one of everything the site stores, much of it made the way
    the site makes it: an editor with an article open, a comment sent."""
    topic, series = TopicFactory(), SeriesFactory()
    article = ArticleFactory(topics=[topic], series=series, series_position=1)
    page = PageFactory(comments_open=True)
    CommentFactory(article=article)
    Comment.objects.create(
        entry=article.entry, name="Held", email="held@example.net", body="Held."
    )
    keep_open(editor_client, article, typed="Words.")
    LinkCheck.objects.create(entry=article.entry, url="/", internal=True, ok=True)
    AuditResult.objects.update_or_create(entry=article.entry)
    ImportRun.objects.create(file_name="export.xml", dry_run=True)
    consume("comments", "203.0.113.9", limit=5, window=60)
    article.preview_links.create()
    purge_http_caches.enqueue(["nothing"], False)  # a task in the queue
    return article, page, topic, series


def test_models_pages_show_declare_their_tags_and_no_other_does():
    assert {model for model in apps.get_models() if declares_tags(model)} == SHOWN


def test_saving_anything_pages_do_not_show_evicts_no_page_and_purges_nothing(
    site, django_capture_on_commit_callbacks
):
    article, page, topic, series = site
    paths = cached(
        "/", "/topics/", article.get_absolute_url(), page.get_absolute_url(),
        topic.get_absolute_url(), series.get_absolute_url(), "/feeds/rss/",
        "/feeds/comments/rss/", "/sitemap-articles.xml",
    )  # fmt: skip
    queued = purges_queued()
    unshown = [model for model in apps.get_models() if not declares_tags(model)]
    saved = []

    with django_capture_on_commit_callbacks(execute=True):
        for model in unshown:
            instance = model._default_manager.first()
            if instance is None:  # none stored: announced as a save of a new one
                post_save.send(model, instance=model(), created=True, raw=False)
                continue
            instance.save()
            saved.append(model._meta.label)

    assert {
        "editing.Presence", "editing.Draft", "editing.LinkCheck",
        "editing.AuditResult", "wordpress.ImportRun", "sessions.Session",
        "ratelimits.Counter", "django_tasks_database.DBTaskResult",
        "articles.PreviewLink", "publishing.Entry", "auth.User",
    } <= set(saved)  # fmt: skip
    assert [fetch(path)["X-Page-Cache"] for path in paths] == ["hit"] * len(paths)
    assert purges_queued() == queued


def test_an_editor_with_an_article_open_evicts_nothing(editor_client):
    article = ArticleFactory()
    paths = cached("/", "/topics/", article.get_absolute_url())

    for _ in range(3):
        keep_open(editor_client, article, typed="More words.")

    assert [fetch(path)["X-Page-Cache"] for path in paths] == ["hit"] * 3


def test_a_comment_evicts_its_article_and_the_lists_showing_its_count_only():
    commented, other = ArticleFactory(), ArticleFactory()
    older = ArticleFactory(published_at=timezone.now() - timedelta(days=400))
    cached("/", commented.get_absolute_url(), other.get_absolute_url())
    cached(older.get_absolute_url(), "/topics/", "/feeds/rss/")

    CommentFactory(article=commented, body="A fresh remark.")

    assert "1 comment" in fetch("/").content.decode()
    assert "A fresh remark." in fetch(commented.get_absolute_url()).content.decode()
    for path in (other.get_absolute_url(), older.get_absolute_url(), "/topics/"):
        assert fetch(path)["X-Page-Cache"] == "hit", path
    assert fetch("/feeds/rss/")["X-Page-Cache"] == "hit"


def test_an_edit_evicts_the_pages_showing_the_article_and_the_lists():
    topic = TopicFactory()
    article, related = ArticleFactory(topics=[topic]), ArticleFactory(topics=[topic])
    unrelated = ArticleFactory()
    cached("/", related.get_absolute_url(), unrelated.get_absolute_url())

    article.title = "A better title"
    article.save()

    assert "A better title" in fetch("/").content.decode()
    assert "A better title" in fetch(related.get_absolute_url()).content.decode()
    assert fetch(unrelated.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_change_to_the_header_links_evicts_every_page():
    article = ArticleFactory()
    page = PageFactory(show_in="header", title="Colophon")
    cached("/", article.get_absolute_url())

    page.title = "About us"
    page.save()

    for path in ("/", article.get_absolute_url()):
        assert "About us" in fetch(path).content.decode(), path


def test_an_editor_group_change_evicts_nothing():
    article = ArticleFactory()
    cached(article.get_absolute_url())

    Group.objects.create(name="Reviewers").permissions.set([])

    assert fetch(article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_page_goes_live_on_time_without_a_save():
    soon = timezone.now() + timedelta(hours=1)
    page = PageFactory(show_in="footer", title="Opening hours", published_at=soon)
    assert "Opening hours" not in fetch("/").content.decode()
    assert fetch("/")["X-Page-Cache"] == "hit"

    with time_machine.travel(soon + timedelta(seconds=1)):
        assert "Opening hours" in fetch("/").content.decode()
        assert fetch(page.get_absolute_url()).status_code == 200


def test_an_article_expires_on_time_without_a_save():
    soon = timezone.now() + timedelta(hours=1)
    ArticleFactory(title="Going away", unpublish_at=soon)
    assert "Going away" in fetch("/").content.decode()
    assert fetch("/")["X-Page-Cache"] == "hit"

    with time_machine.travel(soon + timedelta(seconds=1)):
        assert "Going away" not in fetch("/").content.decode()
