"""Images come from a copy of wp-content/uploads into the media library; the
old site may be gone."""

import pytest
from PIL import Image as Pillow

from articles.models import Article
from library.models import Image
from tests.library.conftest import images_in, picture
from tests.servers import file_server
from tests.wordpress.conftest import FIXTURE
from tests.wordpress.exports import export, item

pytestmark = pytest.mark.django_db
OLD = "https://old.example.com/wp-content/uploads"


@pytest.fixture
def uploads(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "uploads"
    files = {
        "2026/11/index-diagram.png": picture("PNG", size=(4, 3)),
        "2024/05/photo.jpg": picture(size=(40, 30)),
        "2024/05/plain.jpg": picture(size=(40, 30)),
        "2024/05/x.svg": b'<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "2024/05/talk.mp3": b"ID3 a recording",
    }
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def attachment(post_id, name, *, parent=0, alt="", caption=""):
    extra = f"<wp:post_parent>{parent}</wp:post_parent>"
    extra += f"<wp:attachment_url>{OLD}/{name}</wp:attachment_url>"
    if alt:
        extra += (
            "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
            f"<wp:meta_value><![CDATA[{alt}]]></wp:meta_value></wp:postmeta>"
        )
    return item(
        post_id, name, kind="attachment", status="inherit", extra=extra,
        excerpt=caption,
    )  # fmt: skip


def test_the_fixture_images_land_in_the_library_once(import_wordpress, uploads):
    out = import_wordpress(FIXTURE, "--uploads", str(uploads))

    image = Image.objects.get()
    assert (image.width, image.height) == (4, 3)
    assert image.alt_text == "A tiny index diagram"
    assert image.caption == "How a B-tree narrows the search"
    article = Article.objects.get(slug="database-indexes-explained")
    assert f"![A tiny index diagram](image:{image.pk})" in article.body
    assert "How a B-tree" not in article.body  # the library shows the caption
    assert article.share_image == image
    assert not article.social_image
    assert "Media library images: 1 added, 0 already there." in out
    assert "Images and files not brought over" not in out
    assert "Images without alt text" not in out


def test_a_second_import_adds_and_changes_nothing(import_wordpress, uploads):
    import_wordpress(FIXTURE, "--uploads", str(uploads))
    before = list(Image.objects.values())
    bodies = dict(Article.objects.values_list("slug", "body"))

    out = import_wordpress(FIXTURE, "--uploads", str(uploads))

    assert list(Image.objects.values()) == before
    assert dict(Article.objects.values_list("slug", "body")) == bodies
    assert "Media library images: 0 added, 1 already there." in out


def test_readers_get_the_imported_image_as_a_picture_with_its_caption(
    client, import_wordpress, uploads, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_wordpress(FIXTURE, "--uploads", str(uploads))
    run_worker()

    article = Article.objects.get(slug="database-indexes-explained")
    page = client.get(article.get_absolute_url()).content.decode()

    [image] = [i for i in images_in(page) if i["alt"] == "A tiny index diagram"]
    assert [s["type"] for s in image["sources"]] == ["image/avif", "image/webp"]
    assert "<figcaption>How a B-tree narrows the search</figcaption>" in page
    assert client.get(image["src"]).status_code == 200


def test_size_variants_point_at_the_original_and_missing_files_are_listed(
    import_wordpress, uploads, tmp_path, client
):
    frames = [Pillow.new("RGB", (8, 8), colour) for colour in ("red", "blue")]
    frames[0].save(
        uploads / "2024/05/moving.gif", save_all=True, append_images=frames[1:]
    )
    content = (
        f'<a href="{OLD}/2024/05/photo.jpg"><img src="{OLD}/2024/05/photo-300x200.jpg"'
        ' alt="Photo"></a>\n\n'
        f'<img src="{OLD}/2024/05/gone.png" alt="Gone">\n\n'
        f'<img src="{OLD}/2024/05/x.svg" alt="Drawing">\n\n'
        f'<img src="{OLD}/2024/05/moving.gif" alt="Moving">\n\n'
        f'<a href="{OLD}/2024/05/talk.mp3">The talk</a>'
    )
    path = tmp_path / "export.xml"
    path.write_text(export(item(1, "Pictures", content=content)))

    out = import_wordpress(path, "--uploads", str(uploads))

    photo = Image.objects.get()
    body = Article.objects.get().body
    assert f"[![Photo](image:{photo.pk})]({photo.url})" in body
    assert f"![Gone]({OLD}/2024/05/gone.png)" in body
    assert f"![Drawing]({OLD}/2024/05/x.svg)" in body
    assert f"![Moving]({OLD}/2024/05/moving.gif)" in body
    assert "[The talk](/media/wordpress/2024/05/talk.mp3)" in body
    assert (
        "(3):\n    “Pictures” (3): 2024/05/gone.png, 2024/05/moving.gif (Animated "
        "images are not accepted: upload a still image.), 2024/05/x.svg (the site "
        "does not serve this kind of file) → /admin/articles/article/" in out
    )
    assert client.get("/media/wordpress/2024/05/talk.mp3").status_code == 200
    assert client.get("/media/wordpress/2024/05/x.svg").status_code == 404
    # Images are the library's now, never served from the old uploads' copy.
    assert client.get("/media/wordpress/2024/05/photo.jpg").status_code == 404


def test_alt_text_and_caption_come_from_the_attachment(
    import_wordpress, uploads, tmp_path
):
    content = (
        f'<img src="{OLD}/2024/05/photo.jpg" alt="">\n\n'
        f'<img src="{OLD}/2024/05/plain.jpg">'
    )
    path = tmp_path / "export.xml"
    path.write_text(
        export(
            item(1, "Pictures", content=content),
            attachment(10, "2024/05/photo.jpg", alt="Red roofs", caption="Porto"),
        )
    )

    out = import_wordpress(path, "--uploads", str(uploads))

    photo = Image.objects.get(original_name="photo.jpg")
    plain = Image.objects.get(original_name="plain.jpg")
    assert (photo.alt_text, photo.caption) == ("Red roofs", "Porto")
    assert photo.source_url == f"{OLD}/2024/05/photo.jpg"
    assert plain.alt_text == ""
    body = Article.objects.get().body
    assert f"![](image:{photo.pk})" in body  # the library's alt text is shown
    assert (
        "Images without alt text: describe them in the media library (1):\n"
        "    2024/05/plain.jpg" in out
    )


def test_a_caption_other_than_the_library_images_stays_below_it(
    import_wordpress, uploads, tmp_path
):
    content = (
        '<!-- wp:image --><figure class="wp-block-image">'
        f'<img src="{OLD}/2024/05/photo-1024x768.jpg" alt="Roofs"/>'
        '<figcaption class="wp-element-caption">Porto at dusk</figcaption>'
        "</figure><!-- /wp:image -->"
    )
    path = tmp_path / "export.xml"
    path.write_text(
        export(
            item(1, "Pictures", content=content),
            attachment(10, "2024/05/photo.jpg", caption="Porto"),
        )
    )

    import_wordpress(path, "--uploads", str(uploads))

    photo = Image.objects.get()
    assert (photo.alt_text, photo.caption) == ("Roofs", "Porto")
    body = Article.objects.get().body
    assert body == f"![Roofs](image:{photo.pk})\n\n*Porto at dusk*\n"


def test_an_image_already_in_the_library_is_reused(import_wordpress, uploads, tmp_path):
    from library.uploads import add_to_library

    mine = add_to_library(
        (uploads / "2024/05/photo.jpg").read_bytes(), name="mine.jpg", alt_text="Mine"
    )
    path = tmp_path / "export.xml"
    content = f'<img src="{OLD}/2024/05/photo.jpg" alt="Photo">'
    path.write_text(export(item(1, "Pictures", content=content)))

    out = import_wordpress(path, "--uploads", str(uploads))

    assert list(Image.objects.all()) == [mine]
    assert Image.objects.get().alt_text == "Mine"
    assert f"![Photo](image:{mine.pk})" in Article.objects.get().body
    assert "Media library images: 0 added, 1 already there." in out


def test_a_dry_run_copies_no_file(import_wordpress, uploads, settings):
    out = import_wordpress(FIXTURE, "--uploads", str(uploads), "--dry-run")

    assert "Media library images: 1 added, 0 already there." in out
    assert not Image.objects.exists()
    assert not settings.MEDIA_ROOT.exists()


def test_a_gallery_shows_its_images(import_wordpress, uploads, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(
        export(
            item(1, "Own gallery", content="[gallery]"),
            item(2, "Chosen", content='[gallery ids="11"]'),
            attachment(10, "2024/05/photo.jpg", parent=1, alt="Red roofs"),
            attachment(11, "2026/11/index-diagram.png", alt="A diagram"),
        )
    )

    out = import_wordpress(path, "--uploads", str(uploads))

    photo = Image.objects.get(alt_text="Red roofs")
    diagram = Image.objects.get(alt_text="A diagram")
    assert (
        Article.objects.get(slug="own-gallery").body
        == f"![Red roofs](image:{photo.pk})\n"
    )
    assert (
        Article.objects.get(slug="chosen").body == f"![A diagram](image:{diagram.pk})\n"
    )
    assert "Images without alt text" not in out


def fetch_export(tmp_path, base, *names):
    content = "\n\n".join(f'<img src="{OLD}/{name}" alt="Picture">' for name in names)
    path = tmp_path / "export.xml"
    text = export(item(1, "Pictures", content=content))
    path.write_text(text.replace("https://old.example.com", base))
    return path


def test_images_not_in_the_uploads_are_fetched_from_the_old_site(
    import_wordpress, uploads, tmp_path, loopback_allowed
):
    far = picture("PNG", size=(30, 20))
    files = {"/wp-content/uploads/2024/06/far.png": (200, {}, far)}
    with file_server(files) as base:
        path = fetch_export(
            tmp_path, base, "2024/05/photo.jpg", "2024/06/far-300x200.png"
        )
        out = import_wordpress(path, "--uploads", str(uploads), media=True)

    fetched = Image.objects.get(original_name="far.png")
    assert fetched.source_url == f"{base}/wp-content/uploads/2024/06/far.png"
    assert (fetched.width, fetched.height) == (30, 20)
    assert Image.objects.get(original_name="photo.jpg")  # from the copy
    body = Article.objects.get().body
    assert f"![Picture](image:{fetched.pk})" in body
    assert "Media library images: 2 added, 0 already there." in out
    assert "Images and files not brought over" not in out


def test_with_no_media_or_from_a_private_address_nothing_is_fetched(
    import_wordpress, tmp_path
):
    far = picture("PNG", size=(30, 20))
    files = {"/wp-content/uploads/2024/06/far.png": (200, {}, far)}
    with file_server(files) as base:
        path = fetch_export(tmp_path, base, "2024/06/far.png")
        without = import_wordpress(path)
        private = import_wordpress(path, media=True)

    assert not Image.objects.exists()
    assert "(1):\n    “Pictures” (1): 2024/06/far.png → " in without
    assert (
        "    “Pictures” (1): 2024/06/far.png: not fetched from the old site: it is "
        "on a private or local network" in private
    )
