"""What editors may put in the media library, and what is kept of it."""

import importlib
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Pillow
from PIL import ImageCms, ImageOps

from library.models import Image
from tests.library.conftest import CHOOSE_URL, picture

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/library/image/add/"
GPS_IFD = 0x8825


SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
TELLING = ("Ana Lima", "Camera Maker", "SN-8841-2207", "Taken in the garden")


def photo_taken_at_home():
    """A camera's photo, held sideways: its EXIF says who, with what, where."""
    exif = Pillow.Exif()
    exif[0x010F] = "Camera Maker"  # Make
    exif[0x013B] = "Ana Lima"  # Artist
    exif[0xA431] = "SN-8841-2207"  # BodySerialNumber
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to show it upright
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    buffer = io.BytesIO()
    Pillow.new("RGB", (300, 200), "teal").save(
        buffer, format="JPEG", exif=exif, icc_profile=SRGB, comment=TELLING[3]
    )
    return buffer.getvalue()


def test_an_editor_uploads_an_image_with_its_description(editor_client):
    response = editor_client.post(
        ADD_URL,
        {
            "upload": SimpleUploadedFile("harbour.jpg", picture(size=(1200, 800))),
            "alt_text": "Fishing boats in a harbour at dawn",
            "caption": "Dawn at the harbour",
            "credit": "Photo: Ana Lima",
            "focal_x": "0.3",
            "focal_y": "0.6",
        },
    )

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (1200, 800)
    assert image.alt_text == "Fishing boats in a harbour at dawn"
    assert image.original_name == "harbour.jpg"
    assert len(image.content_hash) == 64
    assert image.markdown == f"![Fishing boats in a harbour at dawn](image:{image.pk})"


def test_every_public_file_of_an_image_keeps_its_colour_profile_and_nothing_else(
    upload, client
):
    from library.renditions import make_renditions

    response = upload(photo_taken_at_home(), alt="A garden")
    image = Image.objects.get(pk=response.json()["id"])
    make_renditions(image)

    names = image.stored_names()
    assert len(names) == 5  # the original, a rendition in each format, share crop
    for name in names:
        served = client.get(image.url_of(name))
        data = b"".join(served.streaming_content)
        stored = Pillow.open(io.BytesIO(data))
        assert not [word for word in TELLING if word.encode() in data], name
        assert len(stored.getexif()) == 0 and "comment" not in stored.info, name
        assert stored.info.get("icc_profile") == SRGB, name
    original = Pillow.open(
        io.BytesIO(b"".join(client.get(image.url).streaming_content))
    )
    assert original.size == (200, 300)  # upright, as the camera meant it


def test_images_are_recognised_by_content_not_by_name(upload):
    png_named_jpg = upload(picture("PNG"), name="diagram.jpg", alt="A diagram")
    text_named_png = upload(b"just some text\n" * 20, name="notes.png", alt="Notes")

    assert png_named_jpg.status_code == 201
    assert text_named_png.status_code == 400
    assert text_named_png.json()["errors"] == [
        "This file is not an image the site can show: upload a JPEG, PNG, WebP, "
        "AVIF or GIF."
    ]


def test_svg_is_refused_because_it_can_carry_script(upload):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

    response = upload(svg, name="logo.png", alt="Logo")

    assert response.status_code == 400
    assert "SVG images are not accepted" in response.json()["errors"][0]
    assert not Image.objects.exists()


def test_a_file_over_the_size_limit_is_refused(upload, settings):
    settings.MEDIA_IMAGE_MAX_MB = 10_000 / 2**20
    noise = Pillow.frombytes("RGB", (100, 100), os.urandom(30_000))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")

    response = upload(buffer.getvalue(), name="noise.png", alt="Noise")

    assert response.status_code == 413
    assert (
        "the library takes images of at most 9.8\xa0KB" in response.json()["errors"][0]
    )


def test_an_upload_larger_than_the_library_takes_is_refused_before_it_is_read(
    upload,
):
    # The body says it is 30 MB, and holds a small image: reading it would fail.
    response = upload(picture(), alt="A door", CONTENT_LENGTH=str(30 * 2**20))

    assert response.status_code == 413
    assert response.json()["errors"] == [
        "This file is 29.9\xa0MB; the library takes images of at most 20.0\xa0MB. "
        "Please save it smaller."
    ]
    assert not Image.objects.exists()


def test_an_animated_image_is_refused(upload):
    frames = [Pillow.new("RGB", (50, 50), colour) for colour in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])

    response = upload(buffer.getvalue(), name="spin.gif", alt="Spinner")

    assert response.json()["errors"] == [
        "Animated images are not accepted: upload a still image."
    ]


def test_the_same_file_twice_is_stored_once(editor_client, upload):
    data = picture()
    first = upload(data, alt="A red door")

    again = upload(data, name="copy.jpg", alt="The door again")
    in_admin = editor_client.post(
        ADD_URL,
        {"upload": SimpleUploadedFile("c.jpg", data), "focal_x": 0.5, "focal_y": 0.5},
    )

    image_id = first.json()["id"]
    assert again.status_code == 200
    assert again.json()["markdown"] == f"![The door again](image:{image_id})"
    assert "already in the library" in again.json()["message"]
    assert in_admin.status_code == 200
    assert (
        "This image is already in the library: "
        f'<a href="/admin/library/image/{image_id}/change/">A red door</a>.'
    ) in in_admin.content.decode()
    assert Image.objects.count() == 1


def test_a_decorative_image_has_no_alt_text(upload):
    response = upload(picture(), alt="A swirl", decorative=True)

    assert response.status_code == 400
    assert response.json()["errors"] == [
        "A decorative image has no alt text: clear the alt text or untick “decorative”."
    ]


def test_an_upload_gives_markdown_with_brackets_in_the_alt_text_escaped(upload):
    response = upload(picture(), alt="The [draft] plan")

    image_id = response.json()["id"]
    assert response.status_code == 201
    assert response.json()["markdown"] == rf"![The \[draft\] plan](image:{image_id})"


def test_the_chooser_finds_images_by_their_words(editor_client, library_image):
    library_image(alt_text="A lighthouse on a cliff", caption="North coast")
    library_image(alt_text="A bowl of soup", credit="Photo: Ben")

    found = editor_client.get(CHOOSE_URL, {"q": "cliff north"}).json()["images"]
    nul = editor_client.get(CHOOSE_URL, {"q": "soup\x00"})

    assert [image["label"] for image in found] == ["A lighthouse on a cliff"]
    assert found[0]["markdown"].startswith("![A lighthouse on a cliff](image:")
    assert nul.status_code == 400


def test_people_without_the_permission_cannot_upload_or_browse(client, upload):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))

    assert upload(picture(), alt="A cat", using=client).status_code == 403
    assert client.get(CHOOSE_URL).status_code == 403
    assert not Image.objects.exists()


def test_an_original_stored_with_its_exif_loses_it_under_the_same_name(
    library_image,
):
    """The library's migration for originals kept before it stripped them."""
    from django.apps import apps

    strip = importlib.import_module(
        "library.migrations.0003_originals_without_metadata"
    ).strip_originals
    image = library_image()
    old = Pillow.open(io.BytesIO(photo_taken_at_home()))
    old = ImageOps.exif_transpose(old)  # upright, as the library kept them
    exif = Pillow.open(io.BytesIO(photo_taken_at_home())).getexif()
    with image.file.open("wb") as file:
        old.save(file, format="JPEG", exif=exif, icc_profile=SRGB)

    strip(apps, None)

    with image.file.open() as file:
        data = file.read()
    kept = Pillow.open(io.BytesIO(data))
    assert not [word for word in TELLING if word.encode() in data]
    assert len(kept.getexif()) == 0
    assert kept.info.get("icc_profile") == SRGB
    assert kept.size == (200, 300)
