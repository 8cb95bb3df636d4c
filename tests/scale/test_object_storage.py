"""Uploads in an S3-compatible bucket (MEDIA_STORAGE_URL), shared by app servers."""

import re
import tempfile
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.servers import Reader, gunicorn, manage, s3_server, site_environment
from web.storage import media_storage

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "site", "AWS_SECRET_ACCESS_KEY": "site-secret"}

# What the admin does with an editor's upload.
UPLOAD = """
import io
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from articles.models import Article
buffer = io.BytesIO()
Image.new("RGB", (1200, 630), "#225588").save(buffer, format="PNG")
article = Article.objects.order_by("published_at").first()
article.social_image = SimpleUploadedFile("cover.png", buffer.getvalue())
article.save()
print(article.social_image.name)
"""
REMOVE = """
from articles.models import Article
article = Article.objects.order_by("published_at").first()
article.social_image = ""
article.save()
"""

# An editor's upload to the media library, and its deletion.
LIBRARY_UPLOAD = """
import io
from PIL import Image
from library.uploads import add_to_library
buffer = io.BytesIO()
Image.new("RGB", (700, 500), "#336699").save(buffer, format="JPEG")
print(add_to_library(buffer.getvalue(), name="harbour.jpg", alt_text="Harbour").stem)
"""
LIBRARY_DELETE = """
from library.models import Image
Image.objects.all().delete()
"""


@pytest.fixture(scope="module")
def bucket():
    with s3_server() as endpoint:
        s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )
        s3.create_bucket(Bucket="site-media")
        yield (
            s3,
            f"s3://site-media/uploads?endpoint_url={endpoint}&region_name=us-east-1",
        )


def test_an_upload_on_one_server_is_served_by_another_and_lands_in_no_disk(
    primary, bucket, article
):
    s3, storage_url = bucket
    media_root = tempfile.mkdtemp(prefix="media-")
    env = {**CREDENTIALS, "MEDIA_STORAGE_URL": storage_url, "MEDIA_ROOT": media_root}
    env_one = site_environment(primary.url(), **env)
    env_two = site_environment(primary.url(), **env)

    name = manage("shell", "--no-imports", "-c", UPLOAD, env=env_one).stdout.strip()
    try:
        with gunicorn(env_two) as two:
            html = Reader(two).get(article)
            image = re.search(r'<meta property="og:image" content="([^"]+)"', html)[1]
            assert image.startswith(f"{two}/media/social/")  # the site's own address
            with urllib.request.urlopen(image, timeout=10) as response:  # noqa: S310
                served, content_type = response.read(), response.headers["Content-Type"]
    finally:
        manage("shell", "--no-imports", "-c", REMOVE, env=env_one)
    stored = s3.get_object(Bucket="site-media", Key=f"uploads/{name}")
    assert content_type == "image/png" and served == stored["Body"].read()
    assert list(Path(media_root).iterdir()) == []


def test_library_renditions_are_made_into_the_bucket_and_served_by_the_site(
    primary, bucket
):
    s3, storage_url = bucket
    media_root = tempfile.mkdtemp(prefix="media-")
    env = site_environment(
        primary.url(),
        **CREDENTIALS,
        MEDIA_STORAGE_URL=storage_url,
        MEDIA_ROOT=media_root,
    )

    stem = manage("shell", "--no-imports", "-c", LIBRARY_UPLOAD, env=env).stdout
    stem = stem.strip()
    manage("db_worker", "--batch", "--no-startup-delay", env=env)
    try:
        with gunicorn(env) as site:
            url = f"{site}/media/library/{stem}-320.avif"
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
                served, cache = response.read(), response.headers["Cache-Control"]
        stored = s3.get_object(
            Bucket="site-media", Key=f"uploads/library/{stem}-320.avif"
        )
        assert served == stored["Body"].read()
        assert cache == "public, max-age=31536000, immutable"
        assert list(Path(media_root).iterdir()) == []
    finally:
        manage("shell", "--no-imports", "-c", LIBRARY_DELETE, env=env)
    left = s3.list_objects_v2(Bucket="site-media", Prefix=f"uploads/library/{stem}")
    assert left.get("KeyCount") == 0


@pytest.mark.parametrize(
    "url",
    [
        "https://site-media.example/",  # not an S3 address
        "s3:///uploads",  # no bucket
        "s3://site-media?acl=public-read",  # not an option the site passes on
    ],
)
def test_a_media_storage_url_the_site_cannot_use_stops_it_with_the_reason(url):
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE_URL"):
        media_storage(url)
