import io
import itertools
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Pillow

UPLOAD_URL = "/admin/library/image/upload/"
CHOOSE_URL = "/admin/library/image/choose/"
_colours = itertools.count(1)


@pytest.fixture(autouse=True)
def library_in_tmp(settings, tmp_path):
    """Uploads of each test land in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def picture(format="JPEG", *, size=(1000, 750), mode="RGB", exif=None):
    """An image file's bytes, a different colour each call (no duplicates)."""
    shade = next(_colours)
    colour = (shade * 37 % 256, shade * 91 % 256, 120) + ((128,) if "A" in mode else ())
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Pillow.new(mode, size, colour).save(buffer, format=format, **options)
    return buffer.getvalue()


@pytest.fixture
def upload(editor_client):
    """Post a file to the editor's upload, as the article form's script does."""

    def send(data, *, name="photo.jpg", alt="", decorative=False, using=None, **meta):
        fields = {"upload": SimpleUploadedFile(name, data), "alt_text": alt}
        if decorative:
            fields["decorative"] = "on"
        return (using or editor_client).post(UPLOAD_URL, fields, **meta)

    return send


@pytest.fixture
def library_image(db):
    """A library image, as an upload leaves it (renditions not made yet)."""
    from library.uploads import add_to_library

    def make(*, data=None, name="photo.jpg", **fields):
        return add_to_library(data or picture(), name=name, **fields)

    return make


class Images(HTMLParser):
    """Every <img> of a page, each with the <source>s of its <picture>."""

    def __init__(self):
        super().__init__()
        self.found, self._sources, self._in_picture = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "picture":
            self._in_picture, self._sources = True, []
        elif tag == "source" and self._in_picture:
            self._sources.append(dict(attrs))
        elif tag == "img":
            self.found.append({**dict(attrs), "sources": self._sources})
            self._sources = []

    def handle_endtag(self, tag):
        if tag == "picture":
            self._in_picture = False


def images_in(html):
    parser = Images()
    parser.feed(html)
    return parser.found


def srcset_urls(srcset):
    return [candidate.split()[0] for candidate in srcset.split(",")]
