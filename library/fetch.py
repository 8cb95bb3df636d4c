"""Images from outside addresses, fetched for the media library through the
site's one outbound client (outbound/client.py, which refuses private and
local addresses): image types asked for, at most the library's size."""

from library.conf import max_image_bytes
from outbound import client

IMAGE_TYPES = "image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8"


def fetch(url, *, deadline):
    """The bytes at ``url`` by ``deadline``; OutboundError says why not."""
    return client.get(
        url,
        purpose="image copier",
        deadline=deadline,
        max_bytes=max_image_bytes(),
        accept=IMAGE_TYPES,
    )
