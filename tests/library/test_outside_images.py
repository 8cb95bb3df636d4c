"""An image written by an outside address is copied into the library on save,
or the save is refused and the editor's text kept."""

import pytest

from library.models import Image
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory
from tests.library.conftest import images_in, picture
from tests.servers import file_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def loopback_allowed(settings):
    """The test-only switch: these tests' outside images are on loopback."""
    settings.OUTBOUND_ALLOW_LOOPBACK = True


def save_body(client, article, body):
    url = f"/admin/articles/article/{article.pk}/change/"
    data = {**change_form_data(client.get(url)), "body": body}
    return client.post(url, data)


def errors_of(response):
    return response.context["adminform"].form.errors.get("body", [])


def test_an_outside_image_is_copied_into_the_library(
    editor_client, client, loopback_allowed
):
    png = picture("PNG", size=(640, 480))
    with file_server({"/boats.png": (200, {"Content-Type": "image/png"}, png)}) as base:
        article = ArticleFactory()
        response = save_body(
            editor_client, article, f"Look:\n\n![Boats at dawn]({base}/boats.png)\n"
        )

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.source_url, image.alt_text) == (f"{base}/boats.png", "Boats at dawn")
    article.refresh_from_db()
    assert article.body == f"Look:\n\n![Boats at dawn](image:{image.pk})"
    page = client.get(article.get_absolute_url()).content.decode()
    article_html = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert base not in article_html
    assert [i["src"] for i in images_in(page)] == [image.url]


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (
            (200, {"Content-Type": "text/html"}, b"<html>Not an image</html>"),
            "This file is not an image the site can show",
        ),
        ((404, {}, b""), "its server answered 404"),
        (
            (200, {"Content-Type": "image/png", "Content-Length": 999_999_999}, b""),
            "it is larger than 20 MB",
        ),
        (
            (302, {"Location": "http://10.0.0.1/boats.png"}, b""),
            "it is on a private or local network",
        ),
        (
            (200, {"Content-Type": "image/png"}, picture("PNG"), 3),
            "it took too long to answer",
        ),
    ],
)
def test_what_cannot_be_copied_refuses_the_save_and_keeps_the_text(
    editor_client, loopback_allowed, settings, answer, reason
):
    settings.MEDIA_FETCH_TIMEOUT = 1
    article = ArticleFactory(body="Before.\n")
    with file_server({"/boats.png": answer}) as base:
        body = f"Edited text.\n\n![Boats]({base}/boats.png)\n"
        response = save_body(editor_client, article, body)

    assert response.status_code == 200
    [error] = errors_of(response)
    assert error.startswith(f"The image at {base}/boats.png could not be copied")
    assert reason in error
    assert response.context["adminform"].form["body"].value() == body
    article.refresh_from_db()
    assert article.body == "Before.\n"
    assert not Image.objects.exists()


def test_private_and_loopback_addresses_are_refused_by_default(editor_client):
    article = ArticleFactory()
    png = picture("PNG")
    with file_server({"/a.png": (200, {"Content-Type": "image/png"}, png)}) as base:
        response = save_body(
            editor_client,
            article,
            f"![A]({base}/a.png)\n\n![B](http://192.168.1.1/b.png)\n\n"
            "![C](http://[::1]/c.png)\n\n"
            "![D](http://169.254.169.254/latest/meta-data/)\n",
        )

    assert [error.split(": ", 1)[1] for error in errors_of(response)] == [
        "it is on a private or local network. Upload it to the library "
        "instead, or remove it."
    ] * 4


def test_an_unknown_library_image_and_an_outside_html_image_are_refused(
    editor_client,
):
    article = ArticleFactory()

    unknown = save_body(editor_client, article, "![Gone](image:999)\n")
    html = save_body(
        editor_client, article, '<img src="https://images.example.com/a.png" alt="A">'
    )

    assert errors_of(unknown) == ["There is no image 999 in the media library."]
    assert errors_of(html) == [
        "An image written in HTML points outside the site, where readers' "
        "browsers may not fetch it: write it in Markdown, "
        "![description](address), so it is copied into the media library."
    ]


def test_a_live_article_saves_while_an_image_it_already_shows_is_unreachable(
    editor_client, client, loopback_allowed
):
    from tests.servers import free_port

    gone = f"http://127.0.0.1:{free_port()}/2008/06/canola2.jpg"
    article = ArticleFactory(body=f"Typo hre.\n\n![]({gone})\n")

    response = save_body(editor_client, article, f"Typo here.\n\n![]({gone})\n")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body.startswith("Typo here.")
    warnings = [str(m) for m in response.wsgi_request._messages]
    still_there = [w for w in warnings if gone in w]
    assert len(still_there) == 1
    assert still_there[0].startswith(f"The image at {gone} is still on the other site")
    page = client.get(article.get_absolute_url()).text
    assert f'<span class="image-elsewhere">Image: <a href="{gone}"' in page


def test_an_unreachable_image_added_to_a_live_article_is_still_refused(
    editor_client, loopback_allowed
):
    from tests.servers import free_port

    article = ArticleFactory(body="Live text.\n")
    new = f"http://127.0.0.1:{free_port()}/new.png"

    response = save_body(editor_client, article, f"Live text.\n\n![New]({new})\n")

    assert response.status_code == 200
    [error] = errors_of(response)
    assert error.startswith(f"The image at {new} could not be copied")
