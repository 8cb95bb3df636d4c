from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

YEAR = 365 * 24 * 60 * 60
CONTENT_TYPES = {
    "avif": "image/avif",
    "webp": "image/webp",
    "jpg": "image/jpeg",
    "png": "image/png",
}


@require_GET
@cache_control(public=True, max_age=YEAR, immutable=True)
def library_file(request, name):
    """A library image or rendition, from whichever storage holds uploads.

    Names are made of the file's content hash, so any cache may keep them
    for good; the bucket behind stays private.
    """
    try:
        stored = default_storage.open(f"library/{name}")
    except (OSError, SuspiciousOperation) as error:
        raise Http404("No such image.") from error
    return FileResponse(stored, content_type=CONTENT_TYPES[name.rpartition(".")[2]])
