"""Drafts, presence, link checks and audit results move from their article to
its entry without loss, and back again (where pages' rows cannot follow)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from editing.models import AuditResult, Draft, LinkCheck, Presence
from tests.factories import ArticleFactory, PageFactory, UserFactory

# Real migrations in both directions; the rows made are rolled back after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ON_ARTICLES = "0001_drafts_presence_link_checks"


def migrate_editing(name=None):
    """Migrate the editing app to ``name`` (None: its newest); the models as
    they are there, every other app as it is now."""
    executor = MigrationExecutor(connection)
    targets = [
        (app, name if app == "editing" and name else leaf)
        for app, leaf in executor.loader.graph.leaf_nodes()
    ]
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def test_each_row_moves_from_its_article_to_the_articles_entry():
    article, other = ArticleFactory(), ArticleFactory()
    ana, bo = UserFactory(), UserFactory()
    old = migrate_editing(ON_ARTICLES)
    old.get_model("editing", "Draft").objects.create(
        article_id=article.pk, user_id=ana.pk, body="Typed.", based_on_version=3
    )
    old.get_model("editing", "Presence").objects.create(
        article_id=other.pk, user_id=bo.pk
    )
    old.get_model("editing", "LinkCheck").objects.create(
        article_id=article.pk, url="/gone/", internal=True, ok=False, problem="No."
    )
    old.get_model("editing", "AuditResult").objects.create(
        article_id=other.pk, failures=["Only 8 words."]
    )

    migrate_editing()

    draft = Draft.objects.get()
    assert (draft.entry_id, draft.user, draft.body, draft.based_on_version) == (
        article.entry_id, ana, "Typed.", 3,
    )  # fmt: skip
    assert Presence.objects.get().entry_id == other.entry_id
    assert LinkCheck.objects.get(url="/gone/").entry_id == article.entry_id
    assert AuditResult.objects.get().failures == ["Only 8 words."]
    assert AuditResult.objects.get().entry_id == other.entry_id


def test_back_on_articles_the_rows_of_pages_are_dropped():
    article, page, user = ArticleFactory(), PageFactory(), UserFactory()
    for publishable in (article, page):
        Draft.objects.create(
            entry=publishable.entry, user=user, body="x", based_on_version=1
        )

    old = migrate_editing(ON_ARTICLES)

    drafts = old.get_model("editing", "Draft").objects
    assert list(drafts.values_list("article_id", flat=True)) == [article.pk]
    migrate_editing()
