"""Base images from Debian's packages, for machines that cannot pull the
official ones.

The Python base is Debian 12's own Python 3.11 on a minimal bookworm root file
system written by mmdebstrap and imported as an image: what the official
python:3.11-slim-bookworm provides to the Dockerfile (python, venv, CA
certificates, time zones). The PostgreSQL stand-in adds Debian's
postgresql-15 and an entry point doing what compose.yaml asks of the official
postgres image. Each is kept in the engine's store, and the Python base also
as an archive in IMAGE_CACHE (e.g. a folder CI keeps between runs); after
BASE_MAX_AGE_DAYS it is built again, so security updates come in.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from deploy.image.engine import ToolMissing, find_engine

HERE = Path(__file__).resolve().parent
PYTHON_BASE = "localhost/backend-intro-python:3.11-bookworm"
POSTGRES_STAND_IN = "localhost/backend-intro-postgres:15-bookworm"
MAX_AGE_DAYS = float(os.environ.get("BASE_MAX_AGE_DAYS", "7"))
CACHE = Path(
    os.environ.get("IMAGE_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    / "backend-intro-site"
)
SOURCES = [
    "deb http://deb.debian.org/debian bookworm main",
    "deb http://deb.debian.org/debian bookworm-updates main",
    "deb http://deb.debian.org/debian-security bookworm-security main",
]
PACKAGES = "python3,python3-venv,python-is-python3,ca-certificates,tzdata,netbase"
# Manual pages, documentation and translations: nothing in a container reads them.
SLIM = [
    f"--dpkgopt=path-{rule}"
    for rule in (
        "exclude=/usr/share/man/*",
        "exclude=/usr/share/info/*",
        "exclude=/usr/share/doc/*",
        "include=/usr/share/doc/*/copyright",
        "exclude=/usr/share/locale/*",
        "include=/usr/share/locale/locale.alias",
    )
]


def python_base(engine, official):
    """The image to build FROM: ``official`` if it is here or can be pulled,
    else the Python base built from Debian's packages."""
    if engine.has_image(official) or engine.pull(official):
        return official
    say(f"{official} cannot be pulled here: the base is {PYTHON_BASE},")
    say("an equivalent one, Python 3.11 from Debian 12's packages.")
    return debian_python(engine)


def debian_python(engine):
    """The Python base from Debian's packages: kept, loaded or built."""
    archive = CACHE / "python-3.11-bookworm.tar"
    if _fresh_image(engine, PYTHON_BASE):
        built = _created(engine, PYTHON_BASE)
        say(f"{PYTHON_BASE} was built on {built:%Y-%m-%d %H:%M} UTC.")
    elif archive.exists() and time.time() - archive.stat().st_mtime < _max_age():
        say(f"Loading {PYTHON_BASE} from {archive}.")
        engine("load", "--input", archive, capture=True)
    else:
        say(f"Building {PYTHON_BASE} (mmdebstrap); kept {MAX_AGE_DAYS:g} days.")
        _build_python_base(engine, archive)
    return PYTHON_BASE


def postgres_image(engine, official="postgres:18"):
    """The PostgreSQL image compose.yaml runs: ``official`` where it can be
    pulled, else a stand-in from Debian's postgresql-15."""
    if engine.has_image(official) or engine.pull(official):
        return official
    if not _fresh_image(engine, POSTGRES_STAND_IN):
        base = debian_python(engine)
        say(f"{official} cannot be pulled here: building {POSTGRES_STAND_IN}.")
        engine(
            "build", "--network", "host", "--build-arg", f"DEBIAN_IMAGE={base}",
            "--tag", POSTGRES_STAND_IN, HERE / "postgres", capture=True,
        )  # fmt: skip
    return POSTGRES_STAND_IN


def _build_python_base(engine, archive):
    with tempfile.TemporaryDirectory(prefix="python-base-") as scratch:
        rootfs = Path(scratch) / "rootfs.tar"
        subprocess.run(  # noqa: S603 - fixed program and arguments
            [
                _program("mmdebstrap"), "--quiet", "--variant=minbase",
                f"--include={PACKAGES}", *SLIM,
                # Merged /usr by symlinks, without the usrmerge package and Perl.
                "--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr",
                "bookworm", str(rootfs), *SOURCES,
            ],
            check=True,
            timeout=900,
        )  # fmt: skip
        engine(
            "import", "--change", "ENV=LANG=C.UTF-8",
            "--change", 'CMD=["python3"]', rootfs, PYTHON_BASE,
        )  # fmt: skip
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_suffix(".partial")
    engine("save", "--output", partial, PYTHON_BASE, capture=True)
    partial.replace(archive)


def _program(name):
    program = shutil.which(name)
    if program is None:
        raise ToolMissing(f"Building the base needs {name}: apt-get install {name}.")
    return program


def _fresh_image(engine, image):
    return engine.has_image(image) and (
        time.time() - _created(engine, image).timestamp() < _max_age()
    )


def _created(engine, image):
    [details] = json.loads(engine.output("image", "inspect", image))
    return datetime.fromisoformat(details["Created"]).astimezone(UTC)


def _max_age():
    return MAX_AGE_DAYS * 24 * 60 * 60


def say(line):
    print(f"image: {line}", file=sys.stderr, flush=True)


def main():
    """Print the POSTGRES_IMAGE compose.yaml can run here, built if need be."""
    if sys.argv[1:] != ["postgres"]:
        sys.exit("usage: python3 -m deploy.image.base postgres")
    print(postgres_image(find_engine()))


if __name__ == "__main__":
    main()
