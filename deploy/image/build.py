"""Build the production image: ``python3 -m deploy.image.build [NAME]`` (make image).

The base is the official python image when it can be pulled, else one built
from Debian's packages (deploy/image/base.py). pip inside the build reaches
the package index the way this machine does: its index settings and the
certificate authorities it trusts are lent to the install step as build
secrets, over the host's network, and stay out of every layer.
"""

import ast
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from deploy.image.base import python_base, say
from deploy.image.engine import ToolMissing, find_engine

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL_BASE = "python:3.11-slim-bookworm"
HOST_CA = Path("/etc/ssl/certs/ca-certificates.crt")


def pip_settings():
    """This machine's pip settings that apply inside a build: {name: value}."""
    listed = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    settings = {}
    for line in listed.splitlines():
        key, _, value = line.partition("=")
        if not key.startswith(":env:"):  # below, where they win over files
            settings[key.rpartition(".")[2]] = ast.literal_eval(value)
    for name in ("index-url", "extra-index-url", "trusted-host", "cert"):
        variable = "PIP_" + name.upper().replace("-", "_")
        if variable in os.environ:
            settings[name] = os.environ[variable]
    return settings


def write_pip_secrets(directory):
    """pip.conf and the CA bundle for the build's install step; their paths."""
    settings = pip_settings()
    # The host's own folders (file:// indexes, find-links) mean nothing inside.
    indexes = {
        name: " ".join(
            url for url in settings[name].split() if url.startswith(("https:", "http:"))
        )
        for name in ("index-url", "extra-index-url")
        if name in settings
    }
    lines = [f"{name} = {urls}" for name, urls in indexes.items() if urls]
    if "trusted-host" in settings:
        lines.append(f"trusted-host = {settings['trusted-host']}")
    ca = Path(settings.get("cert", HOST_CA))
    if ca.is_file():
        lines.append("cert = /run/secrets/pip-ca.crt")
    conf = Path(directory) / "pip.conf"
    conf.write_text("\n".join(["[global]", *lines]) + "\n")
    return conf, ca if ca.is_file() else None


def build(engine, image):
    base = python_base(engine, os.environ.get("PYTHON_IMAGE", OFFICIAL_BASE))
    with tempfile.TemporaryDirectory(prefix="image-build-") as scratch:
        conf, ca = write_pip_secrets(scratch)
        secrets = ["--secret", f"id=pip.conf,src={conf}"]
        if ca:
            secrets += ["--secret", f"id=pip-ca.crt,src={ca}"]
        # podman writes OCI images unless told otherwise, and OCI has no
        # HEALTHCHECK.
        format_ = ["--format", "docker"] if engine.name == "podman" else []
        engine(
            "build", *format_, "--network", "host", *secrets,
            "--build-arg", f"PYTHON_IMAGE={base}", "--tag", image, ROOT,
            timeout=1800,
        )  # fmt: skip
    say(f"{image} is built, from {base}: {engine.size_mb(image):.0f} MB.")


def main():
    image = sys.argv[1] if len(sys.argv) > 1 else "backend-intro-site:latest"
    try:
        build(find_engine(), image)
    except ToolMissing as error:
        sys.exit(f"make image: {error}")
    except subprocess.CalledProcessError as error:
        sys.exit(f"make image: {Path(error.cmd[0]).name} failed ({error.returncode}).")


if __name__ == "__main__":
    main()
