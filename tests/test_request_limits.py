"""Requests too large to read are refused (gunicorn answers 414 or 431, the
site its own 400 page); the limits leave room for all readers and editors send."""

import http.client
import io
import os
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from comments.conf import settings as comment_settings
from comments.models import Comment, Status
from tests.admin_forms import CHANGELIST, change_form_data
from tests.factories import ArticleFactory, CommentFactory
from tests.servers import gunicorn, site_environment

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


def comment_url(article):
    return f"{article.get_absolute_url()}comments/"


def assert_sites_400_page(response):
    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Request not understood</h1>" in html
    assert "nothing was saved" in html


def test_a_comment_larger_than_the_upload_limit_gets_the_sites_400_page(
    client, comment_data
):
    article = ArticleFactory()
    body = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    response = client.post(comment_url(article), comment_data(body=body))

    assert_sites_400_page(response)
    assert not Comment.objects.exists()


def test_a_form_with_too_many_fields_gets_the_sites_400_page(client, comment_data):
    article = ArticleFactory()
    extra = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)}

    response = client.post(comment_url(article), {**comment_data(), **extra})

    assert_sites_400_page(response)
    assert not Comment.objects.exists()


def test_the_longest_comment_in_four_byte_characters_fits_percent_encoded(
    client, comment_data
):
    article = ArticleFactory()
    body = "🙂" * comment_settings.COMMENTS_MAX_LENGTH
    data = comment_data(body=body)
    encoded = "&".join(f"{name}={quote(value)}" for name, value in data.items())

    response = client.post(comment_url(article), encoded, content_type=FORM)

    assert response.status_code == 302
    assert Comment.objects.get().body == body


def test_a_full_page_of_comments_can_be_moderated_in_one_action(editor_client):
    article = ArticleFactory()
    comments = CommentFactory.create_batch(100, article=article, status=Status.PENDING)

    response = editor_client.post(
        "/admin/comments/comment/",
        {
            "action": "approve",
            "_selected_action": [comment.pk for comment in comments],
        },
    )

    assert response.status_code == 302
    assert Comment.objects.approved().count() == 100


def reader_forms(article, comment_data):
    """Each public form with what a reader sends it, in multipart form."""
    return [
        (comment_url(article), comment_data()),
        ("/subscribe/", {"email": "reader@example.net", "frequency": "each"}),
        ("/comments/manage/", {"email": "reader@example.net"}),
    ]


@pytest.mark.parametrize("size", [10, 3 * 1024 * 1024])
def test_a_readers_form_with_a_file_gets_the_sites_400_page_and_nothing_is_kept(
    client, comment_data, size
):
    from subscriptions.models import Subscriber

    article = ArticleFactory()
    for url, fields in reader_forms(article, comment_data):
        attached = SimpleUploadedFile("a.bin", b"x" * size)

        response = client.post(url, {**fields, "attachment": attached})

        assert_sites_400_page(response)
    assert not Comment.objects.exists() and not Subscriber.objects.exists()


def test_a_readers_form_larger_than_its_text_may_be_is_refused_before_it_is_read(
    client, comment_data
):
    """A multipart body said to be 30 MB: reading it would fail."""
    article = ArticleFactory()
    for url, fields in reader_forms(article, comment_data):
        response = client.post(url, fields, CONTENT_LENGTH=str(30 * 2**20))

        assert_sites_400_page(response)
    assert not Comment.objects.exists()


@pytest.fixture
def image_of_size(settings, tmp_path):
    """A PNG of noise (which does not compress) of about `size` bytes."""
    settings.MEDIA_ROOT = tmp_path

    def image(size):
        side = int((size / 3) ** 0.5) + 1
        noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        buffer = io.BytesIO()
        noise.save(buffer, format="PNG")
        return SimpleUploadedFile("cover.png", buffer.getvalue(), "image/png")

    return image


def test_a_social_image_within_the_limit_is_kept(editor_client, image_of_size):
    article = ArticleFactory()
    url = f"{CHANGELIST}{article.pk}/change/"
    data = change_form_data(editor_client.get(url))

    response = editor_client.post(url, {**data, "social_image": image_of_size(5_000)})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.social_image


def test_a_social_image_over_the_limit_is_refused_with_its_size(
    editor_client, image_of_size, settings
):
    settings.SOCIAL_IMAGE_MAX_SIZE = 10_000
    article = ArticleFactory()
    url = f"{CHANGELIST}{article.pk}/change/"
    data = change_form_data(editor_client.get(url))

    response = editor_client.post(url, {**data, "social_image": image_of_size(20_000)})

    assert response.status_code == 200
    assert "social networks accept at most 9.8\xa0KB" in response.content.decode()
    article.refresh_from_db()
    assert not article.social_image


def status_from(base, path, headers=()):
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.putrequest("GET", path)
    for name, value in headers:
        connection.putheader(name, value)
    connection.endheaders()
    return connection.getresponse().status


def test_gunicorn_refuses_overlong_addresses_and_too_many_headers():
    """The longest search fits; beyond the limits gunicorn answers 414 or 431."""
    with gunicorn(site_environment(os.environ["DATABASE_URL"])) as base:
        statuses = [
            status_from(base, "/healthz?q=" + "%F0%9F%99%82" * 200),
            status_from(base, "/healthz?q=" + "a" * 5000),
            status_from(base, "/", [(f"X-Header-{n}", "x") for n in range(101)]),
            status_from(base, "/", [("Cookie", "a=" + "x" * 9000)]),
        ]

    assert statuses == [200, 414, 431, 431]
