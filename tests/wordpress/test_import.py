"""Importing the real WordPress export: nothing lost, nothing leaked."""

from datetime import UTC, datetime

import pytest

from articles.models import Article, Topic
from comments.models import Comment
from pages.models import Kind, Page
from publishing.models import Status

pytestmark = pytest.mark.django_db


def test_posts_become_articles_with_their_status_and_gmt_dates(imported):

    live = Article.objects.published().order_by("published_at")
    assert [a.slug for a in live] == [
        "introduction-to-the-backend-basics-of-work",
        "database-indexes-explained",
        "storing-passwords",
        "hello-world",
    ]
    assert live[0].published_at == datetime(2025, 1, 15, 9, tzinfo=UTC)
    scheduled = Article.objects.get(slug="queues-and-workers")
    assert scheduled.state == "Scheduled"
    assert scheduled.published_at == datetime(2030, 1, 1, 9, tzinfo=UTC)
    drafts = Article.objects.filter(status=Status.DRAFT)
    assert sorted(drafts.values_list("slug", flat=True)) == [
        "caching-draft",
        "internal-notes",
    ]
    assert not Article.objects.filter(title="Old announcement").exists()  # trash


def test_content_keeps_its_structure_as_markdown(imported):

    indexes = Article.objects.get(slug="database-indexes-explained")
    assert "| B-tree | equality, ranges |" in indexes.body
    assert (
        "```\nCREATE INDEX ON comments (article_id, created_at);\n```" in indexes.body
    )
    assert "*How a B-tree narrows the search*" in indexes.body
    # A link to another imported post points at its new address.
    assert "](/articles/introduction-to-the-backend-basics-of-work/)" in indexes.body
    assert "<table>" in indexes.body_html
    passwords = Article.objects.get(slug="storing-passwords")
    assert "## Three rules" in passwords.body
    assert "> Données personnelles : le moins possible. 🔐" in passwords.body
    assert "wp:" not in passwords.body
    assert passwords.author.name == "Marta Kowalska"
    assert indexes.summary == "Why an index turns a slow query into a fast one."


def test_categories_and_tags_become_topics_without_the_default_one(imported):

    assert dict(Topic.objects.values_list("slug", "name")) == {
        "databases": "Databases",
        "security-privacy": "Security & Privacy",
        "performance": "performance",
        "postgresql": "postgresql",
        "privacy": "privacy",
        "security": "security",
    }
    passwords = Article.objects.get(slug="storing-passwords")
    assert {t.slug for t in passwords.topics.all()} == {
        "privacy",
        "security",
        "security-privacy",
    }


def test_their_about_page_takes_the_address_of_the_sites_unedited_one(imported):
    out = imported

    assert Page.objects.get(slug="sample-page").is_live
    assert not Page.objects.get(title="Privacy Policy").is_live
    theirs = Page.objects.get(slug="about")
    assert theirs.body == "A small site about the back end.\n"
    assert (theirs.kind, theirs.show_in, theirs.is_live) == (
        Kind.ABOUT, "footer", True,
    )  # fmt: skip
    shipped = Page.objects.get(slug="about-as-shipped")
    assert (shipped.title, shipped.is_live) == ("About this site", False)
    assert "page “About this site” takes /about/ from the site's own" in out


def test_comments_keep_threads_statuses_and_original_dates(imported):

    indexes = Article.objects.get(slug="database-indexes-explained")
    thread = list(Comment.objects.on(indexes).approved().in_thread_order())
    assert [(c.name, c.depth) for c in thread] == [
        ("Hannah Weiss", 1),
        ("Marta Kowalska", 2),
        ("Hannah Weiss", 3),
        ("Omar Haddad", 1),
    ]
    assert thread[2].parent == thread[1] and thread[1].parent == thread[0]
    assert thread[2].body == "<p>Thanks! I'll try <strong>pg_trgm</strong> today 🎉</p>"
    assert thread[2].body_is_html
    assert thread[3].body == "مقال رائع، شكراً"
    assert Comment.objects.approved().count() == 11
    assert Comment.objects.in_moderation().count() == 3
    # Trash and the pingback stay behind.
    assert not Comment.objects.filter(name__in=["Trolly", "Other Blog"]).exists()
    first = Comment.objects.get(name="Alice Martin")
    assert first.created_at == datetime(2025, 1, 16, 10, tzinfo=UTC)
    assert Comment.objects.get(name="Eve Okafor").parent == first
    assert Comment.objects.on(indexes).count() == 5
    indexes.refresh_from_db()
    assert indexes.comment_count == 4


def test_emails_are_kept_privately_and_only_recent_ip_addresses(imported):
    out = imported

    assert Comment.objects.get(name="Alice Martin").email == "alice.martin@example.com"
    # 2025's comments are past the 30-day window: their addresses are dropped.
    assert Comment.objects.get(name="Alice Martin").ip_address is None
    assert Comment.objects.get(name="Omar Haddad").ip_address == "203.0.113.185"
    assert Comment.objects.exclude(ip_address=None).count() == 6
    assert "Commenters' emails imported: 14; IP addresses: 6." in out


def test_the_report_counts_what_was_skipped_and_flagged(imported):
    out = imported

    for line in (
        "Articles: 7 created (2 draft, 4 live, 1 scheduled).",
        "Comments: 14 created (11 approved, 3 awaiting moderation).",
        "Left out: comment (pingback (--with-pings keeps them)): 1.",
        "Left out: comment (trash): 1.",
        "Left out: post (trash): 1.",
        "article 12 “Internal notes”: private on the old site: imported as a draft",
        "article 10 “Half-written thoughts on caching”: a draft on the old site",
        "“Indexes, explained without jargon” (1): 2026/11/index-diagram.png",
        "Redirects from old addresses: 44.",
    ):
        assert line in out
