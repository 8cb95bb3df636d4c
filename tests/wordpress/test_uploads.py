"""Images come from a copy of wp-content/uploads; the old site may be gone."""

from io import BytesIO

import pytest
from PIL import Image

from articles.models import Article
from tests.wordpress.conftest import FIXTURE
from tests.wordpress.exports import export, item

pytestmark = pytest.mark.django_db


def png():
    buffer = BytesIO()
    Image.new("RGB", (4, 3), "navy").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def uploads(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "uploads"
    for name in ("2026/11/index-diagram.png", "2024/05/photo.jpg", "2024/05/x.svg"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(png())
    return folder


def test_the_featured_image_becomes_the_share_image(import_wordpress, uploads):
    out = import_wordpress(FIXTURE, "--uploads", str(uploads))

    article = Article.objects.get(slug="database-indexes-explained")
    assert article.social_image.name.startswith("social/index-diagram")
    assert article.social_image_alt == "Index diagram"
    assert (article.social_image_width, article.social_image_height) == (4, 3)
    assert "Missing media" not in out


def test_images_in_the_text_are_served_from_here(client, import_wordpress, uploads):
    import_wordpress(FIXTURE, "--uploads", str(uploads))

    body = Article.objects.get(slug="database-indexes-explained").body
    assert "](/media/wordpress/2026/11/index-diagram.png)" in body
    response = client.get("/media/wordpress/2026/11/index-diagram.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_size_variants_point_at_the_original_and_missing_files_are_listed(
    import_wordpress, uploads, tmp_path, client
):
    old = "https://old.example.com/wp-content/uploads"
    content = (
        f'<img src="{old}/2024/05/photo-300x200.jpg" alt="Photo">\n\n'
        f'<img src="{old}/2024/05/gone.png" alt="Gone">\n\n'
        f'<img src="{old}/2024/05/x.svg" alt="Drawing">'
    )
    path = tmp_path / "export.xml"
    path.write_text(export(item(1, "Pictures", content=content)))

    out = import_wordpress(path, "--uploads", str(uploads))

    body = Article.objects.get().body
    assert "![Photo](/media/wordpress/2024/05/photo.jpg)" in body
    assert f"![Gone]({old}/2024/05/gone.png)" in body
    assert f"![Drawing]({old}/2024/05/x.svg)" in body  # never served from here
    assert "Missing media (2):\n  2024/05/gone.png\n  2024/05/x.svg" in out
    assert client.get("/media/wordpress/2024/05/x.svg").status_code == 404


def test_a_dry_run_copies_no_file(import_wordpress, uploads, settings):
    import_wordpress(FIXTURE, "--uploads", str(uploads), "--dry-run")

    assert not (settings.MEDIA_ROOT / "wordpress").exists()
    assert not (settings.MEDIA_ROOT / "social").exists()


def test_a_gallery_shows_its_images(import_wordpress, uploads, tmp_path):
    def attachment(post_id, name, parent):
        url = f"https://old.example.com/wp-content/uploads/{name}"
        extra = f"<wp:post_parent>{parent}</wp:post_parent>"
        extra += f"<wp:attachment_url>{url}</wp:attachment_url>"
        return item(post_id, name, kind="attachment", status="inherit", extra=extra)

    path = tmp_path / "export.xml"
    path.write_text(
        export(
            item(1, "Own gallery", content="[gallery]"),
            item(2, "Chosen", content='[gallery ids="11"]'),
            attachment(10, "2024/05/photo.jpg", parent=1),
            attachment(11, "2026/11/index-diagram.png", parent=0),
        )
    )

    import_wordpress(path, "--uploads", str(uploads))

    own = Article.objects.get(slug="own-gallery").body
    assert own == "![](/media/wordpress/2024/05/photo.jpg)\n"
    chosen = Article.objects.get(slug="chosen").body
    assert chosen == "![](/media/wordpress/2026/11/index-diagram.png)\n"
