"""Exports other than the fixture's: older formats, several files, damage."""

import zipfile
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError

from articles.models import Article, Author, Topic
from comments.models import Comment
from publishing.models import Status
from tests.wordpress.exports import comment, export, item

pytestmark = pytest.mark.django_db


@pytest.fixture
def write(tmp_path):
    def write(text, name="export.xml"):
        path = tmp_path / name
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        return path

    return write


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_wxr_version_imports(import_wordpress, write, version):
    tags = (
        '<category domain="tag" nicename="sql"><![CDATA[SQL]]></category>'
        if version == "1.0"
        else '<category domain="post_tag" nicename="sql"><![CDATA[SQL]]></category>'
    )
    import_wordpress(write(export(item(1, "First post", extra=tags), version=version)))

    article = Article.objects.get(slug="first-post")
    assert article.status == Status.PUBLISHED
    assert [t.name for t in article.topics.all()] == ["SQL"]
    # WXR 1.0 lists no authors: the post's login becomes one.
    assert article.author.name == "jane"


def test_a_zip_of_several_files_imports_them_all(import_wordpress, write, tmp_path):
    first = export(item(1, "Part one"))
    second = export(item(2, "Part two", content="See [part one](/part-one/)."))
    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("site.wordpress.001.xml", first)
        zipped.writestr("site.wordpress.002.xml", second)

    out = import_wordpress(archive)

    assert set(Article.objects.values_list("slug", flat=True)) == {
        "part-one",
        "part-two",
    }
    assert "site.wordpress.001.xml, site.wordpress.002.xml" in out


def test_a_folder_of_files_imports_them_all_linking_across_files(
    import_wordpress, tmp_path
):
    folder = tmp_path / "export"
    folder.mkdir()
    link = '<a href="https://old.example.com/part-two/">part two</a>'
    (folder / "a.xml").write_text(export(item(1, "Part one", content=link)))
    (folder / "b.xml").write_text(export(item(2, "Part two")))

    import_wordpress(folder)

    assert (
        "[part two](/articles/part-two/)" in Article.objects.get(slug="part-one").body
    )


def test_broken_xml_stops_with_a_clear_error_keeping_what_came_before(
    import_wordpress, write
):
    broken = export(item(1, "Whole"), item(2, "Broken <b>unclosed"))

    with pytest.raises(CommandError, match="Some of the export was not imported"):
        import_wordpress(write(broken))

    assert list(Article.objects.values_list("slug", flat=True)) == ["whole"]


def test_the_broken_place_is_named_in_the_report(write, capsys, after_export, db):
    from django.core.management import call_command

    path = write(export(item(1, "Broken <b>unclosed")))
    with pytest.raises(CommandError):
        call_command("import_wordpress", str(path), "--no-media")

    assert "export.xml: not well-formed XML (mismatched tag: line 15, column 31)" in (
        capsys.readouterr().out
    )


def test_entities_and_doctypes_are_refused(import_wordpress, write):
    bomb = '\n<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
    path = write(export(item(1, "&lol2;"), doctype=bomb))

    with pytest.raises(CommandError):
        import_wordpress(path)

    assert not Article.objects.exists()


def test_control_characters_are_stripped_and_counted(import_wordpress, write):
    bell = item(1, "Bell\x07 and tab", slug="bell", content="Form\x0cfeed\x0b.")
    path = write(export(bell))

    out = import_wordpress(path)

    article = Article.objects.get()
    assert article.title == "Bell and tab"
    assert article.body == "Formfeed.\n"
    assert "Control characters stripped: 3." in out


def test_zero_dates_fall_back_to_the_local_date_and_missing_authors_to_the_site(
    import_wordpress, write
):
    zero = "0000-00-00 00:00:00"
    path = write(
        export(
            item(1, "No GMT date", date_gmt=zero, creator=""),
            item(
                2,
                "No date",
                date=zero,
                status="draft",
                extra=comment(5, "Undated", date=zero),
            ),
        )
    )

    import_wordpress(path)

    dated = Article.objects.get(slug="no-gmt-date")
    assert dated.published_at == datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert dated.author.name == "Old Blog"
    undated = Article.objects.get(slug="no-date")
    assert undated.published_at is None
    assert Comment.objects.get().created_at is not None
    assert Author.objects.count() == 2  # the site, and jane


def test_replies_come_after_their_parents_and_orphans_start_threads(
    import_wordpress, write
):
    comments = (
        comment(12, "Reply to a reply", parent=11)
        + comment(10, "First")
        + comment(11, "Reply", parent=10)
        + comment(13, "Reply to spam", parent=14)
        + comment(14, "Spam", approved="spam")
    )
    import_wordpress(write(export(item(1, "Talk", extra=comments))))

    thread = {
        c.body: (c.parent.body if c.parent else None) for c in Comment.objects.all()
    }
    assert thread == {
        "First": None,
        "Reply": "First",
        "Reply to a reply": "Reply",
        "Reply to spam": None,
    }


def test_classic_content_gets_paragraphs_and_shortcodes_are_expanded(
    import_wordpress, write
):
    content = (
        "First line\nsecond line\n\nNext paragraph <script>alert(1)</script>\n\n"
        "[embed]https://video.example.org/v/1[/embed]\n\n"
        "[audio mp3='https://old.example.com/a.mp3'][/audio]\n\n"
        '[contact-form id="3"]'
    )
    blocks = '<!-- wp:latest-posts {"postsToShow":3} /-->'
    out = import_wordpress(
        write(
            export(
                item(1, "Classic", content=content),
                item(2, "Blocks", content=blocks),
            )
        )
    )

    body = Article.objects.get(slug="classic").body
    assert body.startswith("First line  \nsecond line\n\nNext paragraph\n\n")
    assert "alert" not in body
    assert (
        '<figure class="link-card"><a href="https://video.example.org/v/1">'
        "<strong>video.example.org</strong> video.example.org/v/1</a></figure>" in body
    )
    assert "[Listen: a.mp3](https://old.example.com/a.mp3)" in body
    assert "“Classic”: contact-form (left out; WordPress drew them itself)" in out
    assert "“Blocks”: latest-posts (left out; WordPress drew them itself)" in out


def test_a_missing_source_is_a_clear_error(import_wordpress, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        import_wordpress(tmp_path / "nothing.xml")


def test_a_file_that_is_no_wordpress_export_is_refused(import_wordpress, write):
    with pytest.raises(CommandError):
        import_wordpress(write("<html><body>Hello</body></html>"))
    assert not Topic.objects.exists()


def test_a_subcategory_answers_at_its_nested_archive_too(
    import_wordpress, write, client
):
    categories = "".join(
        f"<wp:category><wp:category_nicename>{slug}</wp:category_nicename>"
        f"<wp:category_parent>{parent}</wp:category_parent>"
        f"<wp:cat_name>{slug.title()}</wp:cat_name></wp:category>"
        for slug, parent in (("backend", ""), ("databases", "backend"))
    )
    filed = '<category domain="category" nicename="databases">Databases</category>'

    import_wordpress(write(export(item(1, "Filed", extra=filed), channel=categories)))

    for old in ("/category/databases/", "/category/backend/databases/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (
            301,
            "/topics/databases/",
        )
    assert client.get("/category/backend/databases/feed/")["Location"] == (
        "/topics/databases/rss/"
    )


def test_an_item_without_type_or_status_is_a_draft_post_as_wordpress_makes_it(
    import_wordpress, write
):
    bare = (
        "<item><title>Half an item</title><wp:post_id>7</wp:post_id>"
        "<content:encoded><![CDATA[Some words.]]></content:encoded></item>"
    )

    out = import_wordpress(write(export(item(1, "Whole"), bare)))

    article = Article.objects.get(title="Half an item")
    assert article.status == Status.DRAFT
    assert (
        "article 7 “Half an item”: the export gives it no status: imported as a "
        "draft" in out
    )
