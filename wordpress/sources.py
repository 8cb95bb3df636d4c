"""Where an export comes from: one .xml file, a .zip of them, or a folder.

A .zip is read member by member as a stream, never unpacked whole. A member
that says it unpacks to more than WORDPRESS_MAX_EXPORT_MB, or a zip of more
than MAX_MEMBERS files, is refused before anything is read: a zip bomb of a
few hundred kilobytes can claim gigabytes. The reader stops at the size the
member declares, so a member that lies about it cannot run on either.
"""

import zipfile
from contextlib import contextmanager
from pathlib import Path

from wordpress.conf import settings

MAX_MEMBERS = 1000


class SourceError(Exception):
    """The path names nothing an export can be read from."""


def max_export_bytes():
    return settings.WORDPRESS_MAX_EXPORT_MB * 1024 * 1024


def files_in(path):
    """The export files (names) a path holds, in the order to import them."""
    path = Path(path)
    if path.is_dir():
        names = sorted(p for p in path.iterdir() if p.suffix.lower() == ".xml")
        if not names:
            raise SourceError(f"{path} holds no .xml export files.")
        return [str(p) for p in names]
    if not path.is_file():
        raise SourceError(f"{path} does not exist.")
    if zipfile.is_zipfile(path):
        return members_of(path)
    return [str(path)]


def members_of(path):
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                info
                for info in archive.infolist()
                if info.filename.lower().endswith(".xml") and not info.is_dir()
            ]
    except (zipfile.BadZipFile, OSError) as error:
        raise SourceError(f"{path.name} is not a readable .zip ({error}).") from error
    if not members:
        raise SourceError(f"{path.name} holds no .xml export files.")
    if len(members) > MAX_MEMBERS:
        raise SourceError(
            f"{path.name} holds {len(members)} files; an export has at most "
            f"{MAX_MEMBERS}."
        )
    limit = max_export_bytes()
    for info in members:
        if info.file_size > limit:
            raise SourceError(
                f"{info.filename} in {path.name} unpacks to "
                f"{info.file_size / 2**20:,.0f} MB, more than the "
                f"{limit / 2**20:,.0f} MB an export may be here "
                "(WORDPRESS_MAX_EXPORT_MB); nothing was imported."
            )
    return sorted(info.filename for info in members)


@contextmanager
def opened(path, name):
    """One export file of the source, opened for reading as a stream."""
    path = Path(path)
    if not path.is_dir() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive, archive.open(name) as member:
            yield member
    else:
        with open(name, "rb") as file:
            yield file
