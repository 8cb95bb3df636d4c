"""Uploaded exports waiting for the task worker, in a folder of the site's own.

WORDPRESS_UPLOAD_DIR must be a real folder (not a symbolic link) that the
site's user owns and no one else can open; it is created so, and refused
otherwise. Each upload gets a fresh, unguessable name, created exclusively
(mkstemp: O_CREAT|O_EXCL, mode 0600), so nothing planted there in advance
is ever written through. A running import leaves its progress beside it.
"""

import json
import os
import stat
import tempfile
from pathlib import Path

from wordpress.conf import settings


class UnsafeFolder(Exception):
    """The upload folder is not the site's own."""


def folder():
    """The upload folder, made private to the site's user."""
    path = Path(settings.WORDPRESS_UPLOAD_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise UnsafeFolder(
            f"{path} is not a folder (a link?): uploads cannot wait there."
        )
    if info.st_uid != os.geteuid():
        raise UnsafeFolder(
            f"{path} belongs to another user: uploads cannot wait there."
        )
    if info.st_mode & 0o077:
        os.chmod(path, 0o700)
    return path


def save_upload(upload):
    """Write an uploaded file into the folder; returns its new name."""
    suffix = Path(upload.name).suffix.lower()[:10]
    descriptor, name = tempfile.mkstemp(prefix="import-", suffix=suffix, dir=folder())
    with os.fdopen(descriptor, "wb") as file:
        for chunk in upload.chunks():
            file.write(chunk)
    return Path(name).name


def discard(run):
    """Delete the run's upload, and its progress."""
    if run.upload_path is not None:
        run.upload_path.unlink(missing_ok=True)
    progress_path(run).unlink(missing_ok=True)
    run.upload_name = ""
    run.save(update_fields=["upload_name"])


def progress_path(run):
    return Path(settings.WORDPRESS_UPLOAD_DIR) / f"progress-{run.pk}.json"


def write_progress(run, done, total, left):
    """Replace the run's progress file in one step: readers never see half."""
    descriptor, name = tempfile.mkstemp(prefix="progress-", dir=folder())
    with os.fdopen(descriptor, "w") as file:
        json.dump({"done": done, "total": total, "left": left}, file)
    os.replace(name, progress_path(run))


def read_progress(run):
    """{done, total, left} of a running import, or None."""
    try:
        return json.loads(progress_path(run).read_text())
    except (OSError, ValueError):
        return None
