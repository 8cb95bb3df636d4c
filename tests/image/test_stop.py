"""A stop (SIGTERM) ends the site and the worker within 10 seconds, cleanly."""

import time

from tests.image.conftest import start_site, start_worker
from tests.servers import wait_until


def stop(containers, name):
    """Stop as an engine or orchestrator does: SIGTERM, and SIGKILL after 10 s.
    Return the seconds it took and the container's exit code."""
    began = time.monotonic()
    containers.engine("stop", "--time", "10", name, capture=True)
    return time.monotonic() - began, containers.exit_code(name)


def test_sigterm_stops_the_site_within_10_seconds_with_exit_code_0(
    release, containers, site_env
):
    name, _ = start_site(containers, site_env)

    took, code = stop(containers, name)

    assert took < 10
    assert code == 0


def test_sigterm_stops_the_worker_within_10_seconds_with_exit_code_0(
    release, containers, site_env
):
    name = start_worker(containers, site_env)
    wait_until(
        lambda: "Starting worker" in containers.engine.output("logs", name),
        what="the worker",
    )

    took, code = stop(containers, name)

    assert took < 10
    assert code == 0
