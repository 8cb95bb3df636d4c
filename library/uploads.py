"""What may enter the library, judged by content, and how it is stored.

Only still JPEG, PNG, WebP, AVIF and GIF images, recognised by Pillow from
their bytes (the name and the browser's content type count for nothing), up
to MEDIA_IMAGE_MAX_MB and MEDIA_IMAGE_MAX_PIXELS. SVG is refused outright:
it is a document that can carry script, and no sanitiser is worth that risk
for a site that can take a PNG instead. The stored original is public, so it
is re-encoded (JPEG, or PNG where it has transparency) upright, keeping its
colour profile and nothing else of its metadata: no EXIF (camera, serial
numbers, artist, location), XMP or comments.
"""

import hashlib
import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image as Pillow
from PIL import ImageOps, UnidentifiedImageError

from library.conf import max_image_bytes, settings
from library.models import EXTENSIONS, Image

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "AVIF", "GIF"}
NOT_AN_IMAGE = (
    "This file is not an image the site can show: upload a JPEG, PNG, WebP, "
    "AVIF or GIF."
)


def content_hash(data):
    return hashlib.sha256(data).hexdigest()


def file_hash(upload):
    """``content_hash`` of an uploaded file, read a chunk at a time."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_size(size):
    limit = max_image_bytes()
    if size > limit:
        raise ValidationError(
            f"This file is {filesizeformat(size)}; the library takes images of "
            f"at most {filesizeformat(limit)}. Please save it smaller."
        )


def open_image(data):
    """The decoded image, or a ValidationError that tells the editor why not."""
    check_size(len(data))
    if _looks_like_svg(data):
        raise ValidationError(
            "SVG images are not accepted: they can carry script. Export it as "
            "PNG or WebP and upload that."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            picture = Pillow.open(io.BytesIO(data))
            if picture.format not in ACCEPTED_FORMATS:
                raise ValidationError(NOT_AN_IMAGE)
            _check_dimensions(picture)
            picture.load()
    except (
        UnidentifiedImageError,
        Pillow.DecompressionBombError,
        Pillow.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
    ) as error:
        raise ValidationError(NOT_AN_IMAGE) from error
    return picture


def prepare(image, data, *, name):
    """Give a new library ``image`` its file from uploaded ``data`` (unsaved)."""
    picture = open_image(data)
    content, fallback = _cleaned(picture)
    image.content_hash = content_hash(data)
    image.original_name = name[-255:]
    image.fallback_format = fallback
    image.file = ContentFile(
        content, name=f"{image.content_hash[:20]}.{EXTENSIONS[fallback]}"
    )


def add_to_library(data, *, name, **fields):
    """The library image of ``data``: the one already there, or a new one."""
    existing = Image.objects.filter(content_hash=content_hash(data)).first()
    if existing is not None:
        return existing
    image = Image(**fields)
    prepare(image, data, name=name)
    image.full_clean()
    image.save()
    return image


def _looks_like_svg(data):
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


def _check_dimensions(picture):
    width, height = picture.size
    if width * height > settings.MEDIA_IMAGE_MAX_PIXELS:
        raise ValidationError(
            f"This image is {width}×{height} pixels; the library takes at most "
            f"{settings.MEDIA_IMAGE_MAX_PIXELS // 1_000_000} megapixels."
        )
    if getattr(picture, "n_frames", 1) > 1:
        raise ValidationError("Animated images are not accepted: upload a still image.")


def cleaned_copy(data, *, stem):
    """``data`` as the library keeps an image: accepted, upright, re-encoded
    without metadata; a file named ``stem`` plus its format's extension."""
    content, fallback = _cleaned(open_image(data))
    return ContentFile(content, name=f"{stem}.{EXTENSIONS[fallback]}")


def _cleaned(picture):
    """The image upright and re-encoded, with its colour profile alone."""
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or (
        picture.mode == "P" and "transparency" in picture.info
    )
    # The orientation is applied to the pixels, so no EXIF need say it.
    upright = ImageOps.exif_transpose(picture)
    fallback = "png" if has_alpha else "jpeg"
    converted = upright.convert("RGBA" if has_alpha else "RGB")
    converted.info = {}
    buffer = io.BytesIO()
    options = {"quality": 90, "optimize": True} if fallback == "jpeg" else {}
    converted.save(
        buffer,
        format=fallback.upper(),
        icc_profile=picture.info.get("icc_profile"),
        **options,
    )
    return buffer.getvalue(), fallback
