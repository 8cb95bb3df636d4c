"""robots.txt, llms.txt, Markdown alternates and share images."""

import io

import pytest
from PIL import Image

from publishing.models import Status
from tests.factories import ArticleFactory
from tests.seo.test_sitemaps import SITE, section

pytestmark = pytest.mark.django_db


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_pages(
    client,
):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in lines
    for path in ("/preview/", "/search/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines


TRICKY = "Q&A on 'caching' <now> \"fast\""


def test_text_outputs_keep_ampersands_quotes_and_brackets_as_written(client, settings):
    settings.SITE_NAME = "Tom & Jerry's <Blog>"
    ArticleFactory(slug="tricky", title=TRICKY, summary=f"About {TRICKY}.")

    llms = client.get("/llms.txt").content.decode()
    twin = client.get("/articles/tricky.md").content.decode()

    assert llms.startswith("# Tom & Jerry's <Blog>")
    assert f"- [{TRICKY}](" in llms and f"About {TRICKY}." in llms
    assert twin.startswith(f"# {TRICKY}")
    assert "&amp;" not in llms + twin and "&#x27;" not in llms + twin


def test_llms_txt_lists_the_sitemaps_articles_with_markdown_links(client):
    ArticleFactory(slug="listed", title="Listed", summary="In the sitemap.")
    ArticleFactory(slug="hidden", title="Hidden", noindex=True)
    ArticleFactory(slug="draft", title="Draft", status=Status.DRAFT)

    text = client.get("/llms.txt").content.decode()

    assert text.startswith("# Backend Intro")
    assert (
        "- [Listed](http://127.0.0.1:8000/articles/listed.md): In the sitemap." in text
    )
    assert "Hidden" not in text and "Draft" not in text


def test_each_indexable_article_has_a_markdown_twin(client):
    ArticleFactory(slug="twin", title="Twin", summary="Short.", body="## Part\n\nText.")

    response = client.get("/articles/twin.md")

    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response.content.decode() == "# Twin\n\n> Short.\n\n## Part\n\nText."
    assert response["Link"] == '<http://127.0.0.1:8000/articles/twin/>; rel="canonical"'


@pytest.mark.parametrize(
    "fields", [{"noindex": True}, {"status": Status.DRAFT}], ids=["noindex", "draft"]
)
def test_articles_outside_the_sitemap_have_no_markdown_twin(client, fields):
    ArticleFactory(slug="absent", **fields)

    assert client.get("/articles/absent.md").status_code == 404


def test_each_article_gets_a_1200_by_630_share_image_cached_for_a_year(client):
    article = ArticleFactory(title="A picture of a title")
    html = client.get(article.get_absolute_url()).content.decode()
    url = html.split('<meta property="og:image" content="http://127.0.0.1:8000')[1]
    url = url.split('"')[0]

    response = client.get(url)

    assert response["Content-Type"] == "image/png"
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)


def test_the_share_image_is_drawn_once_per_change_of_title():
    from seo.models import ShareImage

    article = ArticleFactory(title="First title")
    cards = ShareImage.objects.filter(key=f"article-{article.pk}")
    first = cards.get()
    article.body += "\nMore."
    article.save()
    assert cards.get().pk == first.pk

    article.title = "Second title"
    article.save()
    assert cards.get().digest != first.digest


@pytest.mark.parametrize(
    "path",
    [
        "/share/article-1-0000000000000000.png",
        "/share/article-1%00-0000000000000000.png",
        "/share/article-1-00000000%0000000000.png",
    ],
)
def test_unknown_or_garbled_share_images_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_an_uploaded_social_image_replaces_the_drawn_card(client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "#336699").save(buffer, format="PNG")
    article = ArticleFactory(
        social_image=SimpleUploadedFile("cover.png", buffer.getvalue()),
        social_image_alt="A blue rectangle",
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<meta property="og:image:width" content="1600">' in html
    assert '<meta property="og:image:alt" content="A blue rectangle">' in html
    image_url = html.split('<meta property="og:image" content="http://127.0.0.1:8000')[
        1
    ]
    image_path = image_url.split('"')[0]
    response = client.get(image_path)
    assert response.status_code == 200 and "max-age=86400" in response["Cache-Control"]
    listed = section(client, "articles")[f"{SITE}{article.get_absolute_url()}"]
    assert listed["images"] == [f"{SITE}{image_path}"]


def test_a_drawn_cards_kicker_ends_on_a_whole_word(settings):
    from articles.share_images import share_kicker

    settings.SITE_DESCRIPTION = (
        "A plain-spoken introduction to how the back end of the web works."
    )

    kicker = share_kicker(ArticleFactory.build(series=None))

    assert kicker == "A plain-spoken introduction to how the back end of the web…"


@pytest.mark.parametrize(
    "path",
    [
        "/media/social/missing.png",
        "/media/social/../../manage.py",
        "/media/social/cover.png%00",
        "/media/social/cover%00.png",
        "/media/social/%0a.png",
    ],
)
def test_only_uploaded_social_images_are_served_from_media(client, settings, path):
    # ../../manage.py from there is the project's own manage.py.
    settings.MEDIA_ROOT = settings.BASE_DIR / "media"
    assert client.get(path).status_code == 404


def test_a_social_image_is_served_as_an_image_or_not_at_all(client, settings, tmp_path):
    """A file under social/ that is no image the library takes (a PDF left by
    an older version, say) is not served: the site's origin shows images."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "social").mkdir()
    (tmp_path / "social" / "flyer.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\n")
    buffer = io.BytesIO()
    Image.new("RGB", (120, 63), "#336699").save(buffer, format="GIF")
    (tmp_path / "social" / "cover.GIF").write_bytes(buffer.getvalue())

    pdf = client.get("/media/social/flyer.pdf")
    gif = client.get("/media/social/cover.GIF")

    assert pdf.status_code == 404
    assert gif.status_code == 200
    assert gif["Content-Type"] == "image/gif"
    assert gif["X-Content-Type-Options"] == "nosniff"


def social_upload(editor_client, article, name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.admin_forms import CHANGELIST, change_form_data

    url = f"{CHANGELIST}{article.pk}/change/"
    fields = change_form_data(editor_client.get(url))
    return editor_client.post(
        url, {**fields, "social_image": SimpleUploadedFile(name, data)}
    )


def test_an_uploaded_social_image_is_kept_as_the_image_it_is_without_metadata(
    editor_client, settings, tmp_path
):
    """A GIF named .pdf (which may be a PDF as well) is kept as an image,
    its name telling what it is; a PDF is refused."""
    settings.MEDIA_ROOT = tmp_path
    article = ArticleFactory()
    exif = Image.Exif()
    exif[0x013B] = "Ana Lima"  # Artist
    buffer = io.BytesIO()
    Image.new("RGB", (120, 63), "#336699").save(buffer, format="GIF")
    gif_named_pdf = buffer.getvalue() + b"\n%PDF-1.7\n"
    buffer = io.BytesIO()
    Image.new("RGB", (120, 63), "#336699").save(buffer, format="JPEG", exif=exif)

    refused = social_upload(editor_client, article, "flyer.pdf", b"%PDF-1.7\n")
    kept = social_upload(editor_client, article, "flyer.pdf", gif_named_pdf)
    article.refresh_from_db()
    name = article.social_image.name
    social_upload(editor_client, article, "portrait.jpg", buffer.getvalue())
    article.refresh_from_db()

    assert refused.status_code == 200  # the form again, with the reason
    assert refused.context["adminform"].form.errors["social_image"]
    assert kept.status_code == 302
    assert name == "social/flyer.jpg"
    assert editor_client.get(f"/media/{name}")["Content-Type"] == "image/jpeg"
    with article.social_image.open() as file:
        assert b"Ana Lima" not in file.read()
