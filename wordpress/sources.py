"""Where an export comes from: one .xml file, a .zip of them, or a folder."""

import zipfile
from contextlib import contextmanager
from pathlib import Path


class SourceError(Exception):
    """The path names nothing an export can be read from."""


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
        with zipfile.ZipFile(path) as archive:
            names = sorted(
                info.filename
                for info in archive.infolist()
                if info.filename.lower().endswith(".xml") and not info.is_dir()
            )
        if not names:
            raise SourceError(f"{path} holds no .xml export files.")
        return names
    return [str(path)]


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
