"""Originals stored before the library kept the colour profile alone lose
their EXIF (camera, serial numbers, artist) in place, under the same name.

They are already upright, so nothing of the picture changes: a PNG is
written again losslessly, a JPEG with its own quantisation ("keep"). Any
cache in front may still hold an old copy until it expires.
"""

import io

from django.core.files.storage import default_storage
from django.db import migrations
from PIL import Image as Pillow


def without_metadata(data):
    """``data`` written again with its colour profile alone, or None when it
    carries nothing else."""
    picture = Pillow.open(io.BytesIO(data))
    if not picture.getexif() and not {"comment", "xmp"} & picture.info.keys():
        return None
    icc_profile = picture.info.get("icc_profile")
    picture.info = {}  # Pillow would write a comment or XMP packet found there
    options = {"quality": "keep"} if picture.format == "JPEG" else {}
    buffer = io.BytesIO()
    picture.save(buffer, format=picture.format, icc_profile=icc_profile, **options)
    return buffer.getvalue()


def strip_originals(apps, schema_editor):
    Image = apps.get_model("library", "Image")
    for name in Image.objects.values_list("file", flat=True).iterator():
        try:
            with default_storage.open(name) as stored:
                cleaned = without_metadata(stored.read())
            if cleaned is not None:
                with default_storage.open(name, "wb") as stored:
                    stored.write(cleaned)
        except (OSError, Pillow.UnidentifiedImageError):
            continue  # a file gone or unreadable: nothing public to clean


class Migration(migrations.Migration):
    dependencies = [("library", "0002_editors_and_writers")]

    operations = [migrations.RunPython(strip_originals, migrations.RunPython.noop)]
