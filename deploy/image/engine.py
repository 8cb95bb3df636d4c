"""The container engine that builds and runs the image: podman, or docker.

podman is preferred; docker is used where podman is missing and its daemon
answers. podman reads the settings in containers.conf beside this module
unless CONTAINERS_CONF names a file of the caller's own.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

CONTAINERS_CONF = Path(__file__).with_name("containers.conf")


class ToolMissing(Exception):
    """A program that building or running the image needs is not installed."""


class Engine:
    def __init__(self, program):
        self.program = program
        self.name = Path(program).name
        self.env = dict(os.environ)
        if self.name == "podman":
            self.env.setdefault("CONTAINERS_CONF", str(CONTAINERS_CONF))

    def __call__(self, *args, check=True, capture=False, timeout=600, **kwargs):
        """Run one engine command; with ``capture``, its output is kept."""
        return subprocess.run(  # noqa: S603 - the engine, arguments as a list
            [self.program, *map(str, args)],
            env=self.env,
            check=check,
            capture_output=capture,
            text=True,
            timeout=timeout,
            **kwargs,
        )

    def output(self, *args, **kwargs):
        return self(*args, capture=True, **kwargs).stdout.strip()

    def succeeds(self, *args, timeout=600):
        return self(*args, check=False, capture=True, timeout=timeout).returncode == 0

    def has_image(self, image):
        return self.succeeds("image", "inspect", image)

    def inspect(self, *names):
        return json.loads(self.output("inspect", *names))

    def pull(self, image):
        """Pull ``image``; False when no registry here has it or answers."""
        try:
            return self.succeeds("pull", image, timeout=300)
        except subprocess.TimeoutExpired:
            return False

    def size_mb(self, image):
        size = self.output("image", "inspect", "--format", "{{.Size}}", image)
        return int(size) / 1e6


def find_engine():
    """podman, else docker if its daemon answers; CONTAINER_ENGINE chooses."""
    chosen = os.environ.get("CONTAINER_ENGINE")
    for name in [chosen] if chosen else ["podman", "docker"]:
        program = shutil.which(name)
        if program is None:
            continue
        engine = Engine(program)
        if engine.name == "podman" or engine.succeeds("info", timeout=30):
            return engine
    raise ToolMissing(
        "No container engine here: install podman (Debian: apt-get install "
        "podman runc), or start docker's daemon."
    )
