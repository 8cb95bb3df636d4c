"""Readers get library images as <picture>, from the site's own addresses."""

import io

import pytest
from PIL import Image as Pillow

from tests.admin_forms import save_in_admin
from tests.factories import ArticleFactory, PageFactory
from tests.library.conftest import images_in, picture, srcset_urls
from tests.seo.test_sitemaps import SITE, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(library_image, django_capture_on_commit_callbacks):
    """Library images as an editor's upload leaves them: renditions queued."""

    def make(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return library_image(**fields)

    return make


def test_until_the_worker_has_made_renditions_readers_get_the_original(
    client, uploaded
):
    harbour = uploaded(data=picture(size=(1000, 750)), alt_text="Boats in a harbour")
    article = ArticleFactory(body=f"Intro.\n\n![](image:{harbour.pk})\n")

    [image] = images_in(client.get(article.get_absolute_url()).content.decode())

    assert image == {
        "src": harbour.url,
        "alt": "Boats in a harbour",
        "width": "1000",
        "height": "750",
        "decoding": "async",
        "sources": [],
    }
    assert client.get(harbour.url).status_code == 200


def test_the_worker_makes_avif_webp_and_jpeg_renditions_readers_then_get(
    client, uploaded, run_worker
):
    harbour = uploaded(data=picture(size=(1000, 750)), alt_text="Boats in a harbour")
    lamp = uploaded(data=picture(size=(500, 800)), alt_text="A street lamp")
    article = ArticleFactory(
        body=f"Intro.\n\n![](image:{harbour.pk})\n\nMore.\n\n"
        f"![The lamp at night](image:{lamp.pk})\n"
    )

    run_worker()
    first, second = images_in(client.get(article.get_absolute_url()).content.decode())

    assert [source["type"] for source in first["sources"]] == [
        "image/avif",
        "image/webp",
    ]
    avif = srcset_urls(first["sources"][0]["srcset"])
    assert [url.rsplit("-", 1)[1] for url in avif] == [
        f"{width}.avif" for width in (320, 480, 640, 960, 1000)
    ]
    assert first["srcset"].endswith("-1000.jpg 1000w")
    assert (first["width"], first["height"], first["alt"]) == (
        "1000",
        "750",
        "Boats in a harbour",
    )
    assert "loading" not in first and first["decoding"] == "async"
    assert (second["alt"], second["loading"], second["width"]) == (
        "The lamp at night",
        "lazy",
        "500",
    )
    for url in avif:
        assert url.startswith("/media/library/")
    response = client.get(avif[2])
    assert response["Content-Type"] == "image/avif"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    served = Pillow.open(io.BytesIO(b"".join(response.streaming_content)))
    assert (served.format, served.size) == ("AVIF", (640, 480))


def test_a_captioned_image_alone_in_its_paragraph_is_a_figure(
    client, uploaded, run_worker
):
    harbour = uploaded(
        alt_text="Boats in a harbour", caption="Dawn at the harbour", credit="Ana Lima"
    )
    article = ArticleFactory(body=f"![](image:{harbour.pk})\n")
    run_worker()

    html = client.get(article.get_absolute_url()).content.decode()

    assert (
        '<figcaption>Dawn at the harbour <span class="credit">Ana Lima</span>'
        "</figcaption></figure>"
    ) in html
    assert "<p><figure>" not in html


def test_changing_the_alt_text_in_the_library_renews_the_article(
    client, uploaded, run_worker, editor_client, django_capture_on_commit_callbacks
):
    harbour = uploaded(alt_text="Boats")
    article = ArticleFactory(body=f"![](image:{harbour.pk})\n")
    run_worker()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/library/image/{harbour.pk}/change/",
            {"alt_text": "Fishing boats at dawn", "focal_x": 0.5, "focal_y": 0.5},
        )
    run_worker()

    assert response.status_code == 302
    [image] = images_in(client.get(article.get_absolute_url()).content.decode())
    assert image["alt"] == "Fishing boats at dawn"


def test_library_files_are_served_only_by_their_own_names(client, uploaded):
    harbour = uploaded()
    name = harbour.file.name.removeprefix("library/")

    assert client.get(f"/media/library/{name}").status_code == 200
    for path in (
        f"/media/library/{name[:-4]}.svg",
        "/media/library/00000000000000000000-320.avif",
        "/media/library/..%2F..%2Fmanage.py",
    ):
        assert client.get(path).status_code == 404


def test_the_share_image_can_come_from_the_library(
    client, uploaded, run_worker, editor_client
):
    harbour = uploaded(
        data=picture(size=(1600, 1200)), alt_text="Boats in a harbour", focal_y=0.2
    )
    article = ArticleFactory()
    save_in_admin(editor_client, article, share_image=harbour.pk)
    run_worker()

    html = client.get(article.get_absolute_url()).content.decode()

    crop = f"/media/library/{harbour.stem}-share-50-20.jpg"
    assert f'<meta property="og:image" content="http://127.0.0.1:8000{crop}">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:alt" content="Boats in a harbour">' in html
    served = Pillow.open(io.BytesIO(b"".join(client.get(crop).streaming_content)))
    assert served.size == (1200, 630)
    listed = section(client, "articles")[f"{SITE}{article.get_absolute_url()}"]
    assert listed["images"] == [f"{SITE}{crop}"]


def test_an_image_an_article_shows_cannot_be_deleted(editor_client, uploaded):
    harbour = uploaded(alt_text="Boats in a harbour")
    ArticleFactory(title="Harbours", body=f"![](image:{harbour.pk})\n")

    response = editor_client.get(f"/admin/library/image/{harbour.pk}/delete/")

    assert "would require deleting the following protected related objects" in (
        response.content.decode()
    )


def test_the_markdown_twin_names_library_images_by_their_addresses(client, uploaded):
    harbour = uploaded(alt_text="Boats")
    article = ArticleFactory(body=f"![Boats at dawn](image:{harbour.pk})\n")

    text = client.get(article.markdown_path).content.decode()

    assert f"![Boats at dawn](http://127.0.0.1:8000{harbour.url})" in text


def test_a_deleted_image_takes_its_files_along(
    editor_client, uploaded, run_worker, library_in_tmp,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    harbour = uploaded(data=picture(size=(700, 500)), focal_x=0.1)
    run_worker()
    harbour.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            f"/admin/library/image/{harbour.pk}/change/",
            {"focal_x": 0.9, "focal_y": 0.5},
        )
    run_worker()
    kept = sorted(path.name for path in (library_in_tmp / "library").iterdir())

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/library/image/{harbour.pk}/delete/", {"post": "yes"}
        )

    assert response.status_code == 302
    assert kept == sorted(
        [f"{harbour.stem}.jpg", f"{harbour.stem}-share-90-50.jpg"]
        + [
            f"{harbour.stem}-{w}.{f}"
            for w in (320, 480, 640, 700)
            for f in ("avif", "jpg", "webp")
        ]
    )
    assert list((library_in_tmp / "library").iterdir()) == []


def test_renditions_made_while_an_article_is_being_saved_still_reach_readers(
    client, library_image, django_capture_on_commit_callbacks
):
    """The worker finishes between the article's render and its commit: it
    looked for what shows the image too early, so the save itself catches up."""
    from library.renditions import make_renditions

    harbour = library_image(alt_text="Boats in a harbour")
    with django_capture_on_commit_callbacks() as after_commit:
        article = ArticleFactory(body=f"![](image:{harbour.pk})\n")
        make_renditions(harbour)  # the worker, on another connection
    for callback in after_commit:
        callback()

    [image] = images_in(client.get(article.get_absolute_url()).content.decode())

    assert [source["type"] for source in image["sources"]] == [
        "image/avif",
        "image/webp",
    ]


def test_a_page_saved_while_its_image_is_made_gets_the_picture_too(
    client, library_image, django_capture_on_commit_callbacks
):
    from library.renditions import make_renditions

    harbour = library_image(alt_text="Boats in a harbour")
    with django_capture_on_commit_callbacks() as after_commit:
        PageFactory(slug="harbour", body=f"![](image:{harbour.pk})\n")
        make_renditions(harbour)
    for callback in after_commit:
        callback()

    [image] = images_in(client.get("/harbour/").content.decode())

    assert len(image["sources"]) == 2
