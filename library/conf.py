"""The media library's settings and their defaults (see web/app_settings.py)."""

from web.app_settings import AppSettings

settings = AppSettings(
    # The largest image file the library takes, in megabytes.
    MEDIA_IMAGE_MAX_MB=(float, 20),
    # A camera's 48-megapixel photo fits; a decompression bomb does not.
    MEDIA_IMAGE_MAX_PIXELS=50_000_000,
    # Seconds all the outside images of one save may take to copy in.
    MEDIA_FETCH_TIMEOUT=10,
)


def max_image_bytes():
    """The largest image file the library takes, in bytes."""
    return int(settings.MEDIA_IMAGE_MAX_MB * 1024 * 1024)
