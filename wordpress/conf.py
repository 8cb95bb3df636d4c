"""The WordPress importer's settings and their defaults (web/app_settings.py)."""

import tempfile
from pathlib import Path

from web.app_settings import AppSettings

settings = AppSettings(
    # Exports uploaded in the admin wait here, outside media, for the task
    # worker (which must see this folder), and are deleted once imported.
    WORDPRESS_UPLOAD_DIR=(Path, Path(tempfile.gettempdir()) / "wordpress-imports"),
)
