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
    "path", ["/media/social/missing.png", "/media/social/../../manage.py"]
)
def test_only_uploaded_social_images_are_served_from_media(client, settings, path):
    # ../../manage.py from there is the project's own manage.py.
    settings.MEDIA_ROOT = settings.BASE_DIR / "media"
    assert client.get(path).status_code == 404
