"""What no export may do: hold a post too large, nest too deep, unpack to
more than it says; each refused with a clear message (issue item 9). The
memory these take is measured by `make bench-import`."""

import zipfile

import pytest
from django.core.management import CommandError

from articles.models import Article
from tests.wordpress.exports import export, item

pytestmark = pytest.mark.django_db


@pytest.fixture
def write(tmp_path):
    def write(text, name="export.xml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_a_post_larger_than_the_limit_is_left_out_and_named(
    import_wordpress, write, settings
):
    settings.WORDPRESS_MAX_POST_KB = 64
    huge = item(2, "Huge", content="<p>" + "word " * 200_000 + "</p>")

    with pytest.raises(CommandError, match="Some of the export was not imported"):
        import_wordpress(write(export(item(1, "Small"), huge, item(3, "After"))))

    assert set(Article.objects.values_list("title", flat=True)) == {"Small", "After"}


def test_the_report_says_how_large_the_post_was(
    import_wordpress, write, settings, capsys, after_export
):
    from django.core.management import call_command

    settings.WORDPRESS_MAX_POST_KB = 64
    path = write(export(item(2, "Huge", content="x" * 1_048_576)))
    with pytest.raises(CommandError):
        call_command("import_wordpress", str(path), "--no-media")

    assert (
        "post 2 “Huge”: it holds 1.0 MB of text, more than the 64.0 KB a post may "
        "hold here (WORDPRESS_MAX_POST_KB). Left out." in capsys.readouterr().out
    )


def test_html_nested_hundreds_deep_is_refused_for_that_post_only(
    write, capsys, after_export, db
):
    from django.core.management import call_command

    deep = "<div>" * 600 + "deep" + "</div>" * 600
    path = write(export(item(1, "Deep", content=deep), item(2, "Fine")))

    with pytest.raises(CommandError):
        call_command("import_wordpress", str(path), "--no-media")

    assert list(Article.objects.values_list("title", flat=True)) == ["Fine"]
    assert (
        "post 1 “Deep”: its HTML nests 600 elements deep, more than the 100 a "
        "post can have here" in capsys.readouterr().out
    )


def test_xml_nested_hundreds_deep_is_refused_with_its_line(import_wordpress, write):
    nested = "<x>" * 600 + "</x>" * 600
    text = export(item(1, "Before"), item(2, "Nested", extra=nested))

    with pytest.raises(CommandError) as raised:
        import_wordpress(write(text))

    assert list(Article.objects.values_list("title", flat=True)) == ["Before"]
    assert "Some of the export was not imported" in str(raised.value)


def test_a_zip_that_unpacks_to_more_than_the_limit_is_refused_unread(
    import_wordpress, tmp_path, settings
):
    settings.WORDPRESS_MAX_EXPORT_MB = 10
    bomb = tmp_path / "bomb.zip"
    with (
        zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("site.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(50):
            member.write(b" " * 1_048_576)
    assert bomb.stat().st_size < 200_000

    with pytest.raises(CommandError, match=r"site.xml in bomb.zip unpacks to 50 MB"):
        import_wordpress(bomb)

    assert not Article.objects.exists()


def test_a_zip_member_that_lies_about_its_size_ends_in_a_clear_error(
    import_wordpress, tmp_path
):
    path = tmp_path / "liar.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("site.xml", export(item(1, "Only")))
    data = bytearray(path.read_bytes())
    central = data.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = (40).to_bytes(4, "little")  # file size
    local = data.index(b"PK\x03\x04")
    data[local + 22 : local + 26] = (40).to_bytes(4, "little")
    path.write_bytes(bytes(data))

    with pytest.raises(CommandError, match="Some of the export was not imported"):
        import_wordpress(path)
