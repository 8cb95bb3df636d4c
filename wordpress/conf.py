"""The WordPress importer's settings and their defaults (web/app_settings.py)."""

import tempfile
from pathlib import Path

from web.app_settings import AppSettings

settings = AppSettings(
    # Exports uploaded in the admin wait here, outside media, for the task
    # worker (which must see this folder): a folder only the site's user may
    # open; an upload is deleted once imported for real, or discarded.
    WORDPRESS_UPLOAD_DIR=(Path, Path(tempfile.gettempdir()) / "wordpress-imports"),
    # No field of one post is held past this; a larger post is left out.
    WORDPRESS_MAX_POST_KB=2048,
    # A zip member that says it unpacks to more than this is refused unread.
    WORDPRESS_MAX_EXPORT_MB=2048,
)
