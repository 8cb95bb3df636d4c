"""compose.yaml, read by podman-compose; its one-box profile brought up."""

import secrets
import subprocess
import sys

import pytest
import yaml

from deploy.image.base import postgres_image
from tests.image.conftest import IMAGE, SERIES, answers, uninterrupted
from tests.servers import ROOT, Reader, free_port, wait_until

COMPOSE = [sys.executable, "-m", "podman_compose", "--file", ROOT / "compose.yaml"]
ONE_BOX = {"postgres", "web", "worker"}
CLUSTER = {"replica", "app1", "app2", "balancer", "varnish"}


@pytest.fixture
def compose(engine):
    """Run podman-compose on compose.yaml, for a project of this test's own,
    with what an owner sets; the project is taken down at the end."""
    port = free_port()
    project = f"site-test-{secrets.token_hex(4)}"
    env = {
        **engine.env,
        "SITE_IMAGE": IMAGE,
        "SITE_PORT": str(port),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "EMAIL_URL": "dummymail://",
        "POSTGRES_PASSWORD": secrets.token_urlsafe(16),
    }

    def run(*args, check=True, **extra):
        return subprocess.run(  # noqa: S603 - podman-compose, arguments as a list
            [*COMPOSE, "--project-name", project, *args],
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=check,
            timeout=600,
        )

    run.port, run.project = port, project
    yield run
    with uninterrupted():
        run("down", "--volumes", check=False)


def services(compose, *profile):
    return yaml.safe_load(compose(*profile, "config").stdout)["services"]


def test_the_one_box_and_cluster_profiles_read_as_the_services_they_run(compose):
    one_box = services(compose)
    cluster = services(compose, "--profile", "cluster")

    assert set(one_box) == ONE_BOX
    assert set(cluster) == ONE_BOX | CLUSTER
    for name in ("worker", "web", "app1", "app2"):
        assert cluster[name]["image"] == IMAGE
        assert cluster[name]["read_only"] is True
        assert "media:/app/media" in cluster[name]["volumes"]
    assert one_box["web"]["ports"] == [f"127.0.0.1:{compose.port}:8000"]
    assert one_box["worker"]["command"] == ["python", "manage.py", "db_worker"]


def test_the_one_box_profile_is_released_comes_up_and_serves_the_series(
    engine, compose
):
    base = f"http://127.0.0.1:{compose.port}"
    postgres = postgres_image(engine)

    release = compose(
        "run", "--rm", "web", "python", "deploy/release.py", POSTGRES_IMAGE=postgres
    )
    created = f"{len(list(SERIES.glob('*.md')))} created"
    assert f"Imported /app/content/backend-intro: {created}" in release.stdout
    compose("up", "--detach", POSTGRES_IMAGE=postgres)
    wait_until(lambda: answers(f"{base}/"), timeout=180, what="the one-box site")

    status, home = Reader(base).open("/")
    assert status == 200
    assert 'href="/articles/what-the-back-end-is/"' in home
    running = engine.output(  # podman ps lists running containers only
        "ps", "--format", "{{.Names}}",
        "--filter", f"label=io.podman.compose.project={compose.project}",
    )  # fmt: skip
    assert sorted(running.split()) == [
        f"{compose.project}_{name}_1" for name in ("postgres", "web", "worker")
    ]
