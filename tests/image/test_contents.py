"""What is in the image: the site, and nothing secret or local to a checkout."""

import hashlib
import json
import shutil
import tarfile

from deploy.image.build import HOST_CA, write_pip_secrets
from tests.image.conftest import IMAGE, uninterrupted
from tests.servers import ROOT

# Files a checkout holds that must never reach an image, and one that must.
LEFT_OUT = {
    ".env": "DJANGO_SECRET_KEY=the-owners-key\n",
    ".env.production": "DATABASE_URL=postgres://site:secret@db/site\n",
    ".pgdata/PG_VERSION": "18\n",
    ".git/config": "[core]\n",
    "media/library/photo.jpg": "private until published\n",
    "backups/site-20260101T030000Z.dump": "PGDMP\n",
    ".venv/pyvenv.cfg": "home = /usr/bin\n",
    "staticfiles/site.css": "body {}\n",
    "articles/__pycache__/models.cpython-311.pyc": "stale\n",
}
KEPT = {"manage.py": "# the site\n", "articles/models.py": "# the site\n"}


def test_dockerignore_keeps_secrets_and_local_files_out_of_the_build(engine, tmp_path):
    context = tmp_path / "checkout"
    for path, text in {**LEFT_OUT, **KEPT}.items():
        (context / path).parent.mkdir(parents=True, exist_ok=True)
        (context / path).write_text(text)
    shutil.copy(ROOT / ".dockerignore", context)
    containerfile = tmp_path / "Containerfile"
    containerfile.write_text(f"FROM {IMAGE}\nCOPY . /context/\n")
    probe = "localhost/backend-intro-site-dockerignore-probe"

    engine("build", "--file", containerfile, "--tag", probe, context, capture=True)
    try:
        listed = engine.output(
            "run", "--rm", "--no-healthcheck", probe,
            "find", "/context", "-type", "f",
        )  # fmt: skip
    finally:
        with uninterrupted():
            engine("rmi", "--force", probe, capture=True)

    assert sorted(listed.split()) == sorted(f"/context/{path}" for path in KEPT)


def test_the_image_holds_the_site_and_no_checkout_secrets(engine):
    listed = engine.output(
        "run", "--rm", "--no-healthcheck", IMAGE,
        "find", "/app", "-maxdepth", "1", "-printf", "%f\\n",
    )  # fmt: skip
    top = set(listed.split())

    assert {"manage.py", "config", "articles", "content", "staticfiles"} <= top
    assert top.isdisjoint({".env", ".pgdata", ".git", "backups", ".venv", "tests"})
    media = engine.output("run", "--rm", "--no-healthcheck", IMAGE, "ls", "-A", "media")
    assert media == ""


def layers(engine, image, directory):
    """The files of each of ``image``'s layers, base first: [{path: sha256}]."""
    archive = directory / "image.tar"
    engine(
        "save", "--format", "docker-archive", "--output", archive, image, capture=True
    )
    with tarfile.open(archive) as saved:
        [manifest] = json.load(saved.extractfile("manifest.json"))
        return [_digests(saved.extractfile(name)) for name in manifest["Layers"]]


def _digests(layer):
    with tarfile.open(fileobj=layer) as files:
        return {
            entry.name.removeprefix("./"): _sha256(files.extractfile(entry).read())
            for entry in files
            if entry.isfile()
        }


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def test_the_package_index_settings_lent_to_the_build_are_in_no_layer(engine, tmp_path):
    pip_conf, _ = write_pip_secrets(tmp_path)
    base, *built = layers(engine, IMAGE, tmp_path)
    lent = {_sha256(pip_conf.read_bytes())}
    if HOST_CA.exists():
        # Unless this machine trusts exactly the certificates Debian ships.
        lent.add(_sha256(HOST_CA.read_bytes()))
        lent.discard(base.get("etc/ssl/certs/ca-certificates.crt"))

    found = [
        path
        for files in (base, *built)
        for path, digest in files.items()
        if digest in lent or "run/secrets/" in path or path.endswith("pip.conf")
    ]
    assert found == []


def test_the_image_stays_under_250_mb(engine):
    assert engine.size_mb(IMAGE) < 250


def test_uploads_can_still_go_to_an_s3_bucket_from_the_slimmed_image(engine):
    """Only S3's and the credential services' descriptions of the AWS SDK are
    kept: the storage must still sign an address for an upload."""
    sign = (
        "import django; django.setup(); "
        "from django.core.files.storage import default_storage; "
        "print(default_storage.url('library/photo.jpg'))"
    )
    url = engine.output(
        "run", "--rm", "--no-healthcheck",
        "--env", "DJANGO_SECRET_KEY=image-test-only",
        "--env", "DATABASE_URL=postgres://nobody@127.0.0.1/none",
        "--env", "MEDIA_STORAGE_URL=s3://uploads/media?endpoint_url=http://127.0.0.1:9&region_name=eu-west-1",
        "--env", "AWS_ACCESS_KEY_ID=AKIDEXAMPLE",
        "--env", "AWS_SECRET_ACCESS_KEY=not-a-real-secret",
        IMAGE, "python", "-c", sign,
    )  # fmt: skip

    assert url.startswith("http://127.0.0.1:9/uploads/media/library/photo.jpg?")
    assert "X-Amz-Signature=" in url or "Signature=" in url
