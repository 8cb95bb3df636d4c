"""Renditions of a library image, made by the task worker with Pillow.

Every width in RENDITION_WIDTHS narrower than the original (and the original
width, up to the widest), each as AVIF, WebP and the fallback format, plus a
1200×630 crop around the focal point for social networks. Names are made of
the content hash, so each file may be cached for good.
"""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as Pillow

from library.models import EXTENSIONS, RENDITION_FORMATS, RENDITION_WIDTHS, Image

SHARE_SIZE = (1200, 630)
ENCODING = {
    "avif": {"quality": 60},
    "webp": {"quality": 80},
    "jpeg": {"quality": 82, "optimize": True, "progressive": True},
    "png": {"optimize": True},
}


def widths_for(width):
    return sorted(
        {w for w in RENDITION_WIDTHS if w < width} | {min(width, RENDITION_WIDTHS[-1])}
    )


def make_renditions(image):
    """Make the renditions ``image`` lacks; record them on its row."""
    with default_storage.open(image.file.name) as stored:
        picture = Pillow.open(stored)
        picture.load()
    widths = widths_for(image.width)
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        resized = picture.resize((width, height), Pillow.Resampling.LANCZOS)
        for format in (*RENDITION_FORMATS, image.fallback_format):
            _save(resized, image.rendition_name(width=width, format=format), format)
    share_crop = _share_crop_name(image)
    _save(_crop_around_focal_point(picture, image), share_crop, image.fallback_format)
    if image.share_crop and image.share_crop != share_crop:  # the focal point moved
        default_storage.delete(image.share_crop)
    Image.objects.filter(pk=image.pk).update(
        rendition_widths=widths, share_crop=share_crop
    )
    image.rendition_widths, image.share_crop = widths, share_crop


def _save(picture, name, format):
    if default_storage.exists(name):
        return
    if format == "jpeg":
        picture = picture.convert("RGB")
    buffer = io.BytesIO()
    # The colour profile alone: Pillow writes no other metadata unless given it.
    icc_profile = picture.info.get("icc_profile")
    picture.save(
        buffer, format=format.upper(), icc_profile=icc_profile, **ENCODING[format]
    )
    default_storage.save(name, ContentFile(buffer.getvalue()))


def _share_crop_name(image):
    x, y = round(image.focal_x * 100), round(image.focal_y * 100)
    return f"library/{image.stem}-share-{x}-{y}.{EXTENSIONS[image.fallback_format]}"


def _crop_around_focal_point(picture, image):
    """The widest 1200:630 box that fits, centred on the focal point."""
    target = SHARE_SIZE[0] / SHARE_SIZE[1]
    width, height = picture.size
    crop_width, crop_height = (
        (width, round(width / target))
        if width / height < target
        else (round(height * target), height)
    )
    left = min(
        max(0, round(image.focal_x * width - crop_width / 2)), width - crop_width
    )
    top = min(
        max(0, round(image.focal_y * height - crop_height / 2)), height - crop_height
    )
    box = (left, top, left + crop_width, top + crop_height)
    return picture.crop(box).resize(SHARE_SIZE, Pillow.Resampling.LANCZOS)
