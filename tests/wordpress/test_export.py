"""The site out again as a WordPress export, and back in without loss."""

from io import StringIO

import pytest
from defusedxml import ElementTree
from django.contrib.redirects.models import Redirect
from django.core.management import call_command

from articles.models import Article, Author, Topic
from comments.models import Comment, Status
from wordpress.models import ImportedItem

pytestmark = pytest.mark.django_db
WP = "{http://wordpress.org/export/1.2/}"


@pytest.fixture
def exported(imported):
    def run(*args):
        out = StringIO()
        call_command("export_wordpress", *args, stdout=out)
        return out.getvalue()

    return run


def test_the_export_is_wxr_1_2_with_articles_pages_topics_and_authors(exported):
    channel = ElementTree.fromstring(exported()).find("channel")

    assert channel.findtext(f"{WP}wxr_version") == "1.2"
    items = channel.findall("item")
    types = [item.findtext(f"{WP}post_type") for item in items]
    assert types.count("post") == 7
    assert types.count("page") >= 3
    names = {c.findtext(f"{WP}cat_name") for c in channel.iter(f"{WP}category")}
    assert "Security & Privacy" in names
    logins = {a.findtext(f"{WP}author_login") for a in channel.iter(f"{WP}author")}
    assert {"admin", "marta-kowalska"} <= logins
    statuses = {
        item.findtext("title"): item.findtext(f"{WP}status")
        for item in items
        if item.findtext(f"{WP}post_type") == "post"
    }
    assert statuses["Queues and workers"] == "future"
    assert statuses["Internal notes"] == "draft"
    assert statuses["Hello world!"] == "publish"


def test_only_approved_comments_leave_and_emails_only_when_asked(exported):
    plain, with_emails = exported(), exported("--with-emails")

    channel = ElementTree.fromstring(plain).find("channel")
    comments = list(channel.iter(f"{WP}comment"))
    assert len(comments) == Comment.objects.approved().count() == 11
    assert "Pending comment one" not in plain
    assert "@example.com" not in plain.replace("admin@example.com", "")
    assert "alice.martin@example.com" in with_emails


def test_a_round_trip_gives_the_same_articles_topics_and_threads(exported, tmp_path):
    def snapshot():
        return (
            sorted(
                Article.objects.values_list("slug", "title", "status", "published_at")
            ),
            sorted(Topic.objects.values_list("slug", "name")),
            sorted(
                (c.target.slug, c.name, c.body, c.created_at,
                 c.parent and c.parent.body)
                for c in Comment.objects.approved().select_related("parent")
            ),
        )  # fmt: skip

    before = snapshot()
    path = tmp_path / "site.xml"
    path.write_text(exported(), encoding="utf-8")
    for model in (Comment, Article, Topic, Author, ImportedItem, Redirect):
        model.objects.all().delete()

    call_command("import_wordpress", str(path), stdout=StringIO())

    assert snapshot() == before
    assert Comment.objects.filter(status=Status.PENDING).count() == 0


def test_pinned_articles_and_the_page_tree_go_out_as_wordpress_has_them(
    import_wordpress,
):
    from tests.wordpress.conftest import FIXTURES

    import_wordpress(FIXTURES / "wordpress-com-2025.xml")
    out = StringIO()
    call_command("export_wordpress", stdout=out)

    items = {
        item.findtext("title"): item
        for item in ElementTree.fromstring(out.getvalue()).find("channel").iter("item")
    }
    assert items["Hauling out for winter"].findtext(f"{WP}is_sticky") == "1"
    about, moorings = items["About"], items["Moorings"]
    assert moorings.findtext(f"{WP}post_parent") == about.findtext(f"{WP}post_id")
    assert moorings.findtext("link") == f"{about.findtext('link')}moorings/"
    assert [c.findtext(f"{WP}comment_author") for c in about.iter(f"{WP}comment")] == [
        "Priya N."
    ]
