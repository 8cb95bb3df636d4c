"""Articles and pages become publishables without losing anything: a database
as the site kept it before (comments on both, redirects, library images
shown in bodies) comes through the migration whole."""

import pytest
from django.contrib.redirects.models import Redirect
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from pages.models import Page
from publishing.models import Entry, ImageUse, Status

# Real migrations in both directions; the pages data migrations made are
# restored afterwards for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [
    ("articles", "0016_article_feed_guid"),
    ("pages", "0005_pages_take_comments_when_switched_on"),
    ("comments", "0008_comments_on_pages"),
    ("publishing", None),
]


def migrate(targets):
    """Migrate to ``targets``; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    reached = [(app, name) for app, name in targets if name is not None]
    return executor.loader.project_state(reached).apps


def stored_before(apps):
    """What the site held before: historical models, as the old code wrote."""
    now = timezone.now()
    image = apps.get_model("library", "Image").objects.create(
        file="library/cat.png", original_name="cat.png", alt_text="A cat",
        width=10, height=10, content_hash="a" * 64,
    )  # fmt: skip
    author = apps.get_model("articles", "Author").objects.create(name="Ann", slug="ann")
    article = apps.get_model("articles", "Article").objects.create(
        title="Indexes", slug="indexes", summary="On indexes.",
        body=f"![A cat](image:{image.pk})", author=author,
        status="published", published_at=now,
    )  # fmt: skip
    apps.get_model("articles", "ArticleImage").objects.create(
        article=article, image=image
    )
    page = apps.get_model("pages", "Page").objects.create(
        title="About", slug="about-us", summary="Who we are.",
        body=f"Hello ![A cat](image:{image.pk})", is_published=True,
        comments_open=True,
    )  # fmt: skip
    draft_page = apps.get_model("pages", "Page").objects.create(
        title="Soon", slug="soon", summary="Not yet.", is_published=False
    )
    Comment = apps.get_model("comments", "Comment")
    first = Comment.objects.create(
        article=article, name="Bo", email="bo@example.net", body="Nice.",
        status="approved", path="0000000001/",
    )  # fmt: skip
    Comment.objects.create(
        article=article, parent=first, name="Cy", email="cy@example.net",
        body="Agreed.", status="approved", depth=2, path="0000000001/0000000002/",
    )  # fmt: skip
    Comment.objects.create(
        page=page, name="Di", email="di@example.net", body="Hi!", status="pending",
        path="0000000003/",
    )  # fmt: skip
    apps.get_model("redirects", "Redirect").objects.create(
        site_id=1, old_path="/articles/old-indexes/", new_path="/articles/indexes/"
    )
    return article.pk, page.pk, draft_page.pk, image.pk


def test_articles_pages_comments_redirects_and_images_come_through_whole():
    article_pk, page_pk, draft_pk, image_pk = stored_before(migrate(BEFORE))

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    article, page = Article.objects.get(pk=article_pk), Page.objects.get(pk=page_pk)
    assert (article.entry.target, page.entry.target) == (article, page)
    assert (article.entry.path, page.entry.path) == ("/articles/indexes/", "/about-us/")
    assert page.status == Status.PUBLISHED and page.is_live
    assert Page.objects.get(pk=draft_pk).status == Status.DRAFT
    on_article = Comment.objects.on(article).in_thread_order()
    assert [(c.name, c.parent_id is not None) for c in on_article] == [
        ("Bo", False),
        ("Cy", True),
    ]
    assert [c.name for c in Comment.objects.on(page)] == ["Di"]
    assert set(ImageUse.objects.values_list("entry_id", "image_id")) == {
        (article.entry_id, image_pk),
        (page.entry_id, image_pk),
    }
    assert Entry.objects.count() == Article.objects.count() + Page.objects.count()
    assert Redirect.objects.get(old_path="/articles/old-indexes/").new_path == (
        "/articles/indexes/"
    )
