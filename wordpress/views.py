from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wordpress.media import DOWNLOADED, SERVED, STORAGE_PREFIX


@require_GET
@cache_control(public=True, max_age=24 * 60 * 60)
def uploaded_file(request, name):
    """A sound, video or PDF brought over from the old site's uploads."""
    extension = PurePosixPath(name).suffix.lower()
    if extension not in SERVED:
        raise Http404("No such file.")
    try:
        upload = default_storage.open(f"{STORAGE_PREFIX}/{name}")
    except (OSError, SuspiciousOperation) as error:
        raise Http404("No such file.") from error
    return FileResponse(
        upload,
        content_type=SERVED[extension],
        as_attachment=extension in DOWNLOADED,
        filename=PurePosixPath(name).name,
    )
