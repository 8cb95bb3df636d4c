"""Who may purge a Varnish node (deploy/varnish/start.sh): the configured
purgers, with the shared secret; never a client for being on loopback, since
behind a TLS proxy on the same machine every reader comes from loopback."""

import http.client
import os
import shutil
import subprocess

import pytest

from tests.servers import PURGE_SECRET, ROOT, free_port, varnish

pytestmark = pytest.mark.skipif(
    shutil.which("varnishd") is None,
    reason="varnishd is not installed (Debian packages varnish and "
    "varnish-modules; .ci/run installs them)",
)
PURGER = "127.0.0.2"  # the task worker's address; readers come from 127.0.0.1


def purge(node, *, source="127.0.0.1", secret=None):
    """The status of a PURGE sent to ``node`` from the ``source`` address."""
    host, port = node.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(
        host, int(port), timeout=10, source_address=(source, 0)
    )
    headers = {"xkey-purge": "lists"}
    if secret is not None:
        headers["Purge-Secret"] = secret
    connection.request("PURGE", "/", headers=headers)
    with connection.getresponse() as response:
        return response.status


@pytest.fixture(scope="module")
def node():
    with varnish(free_port(), VARNISH_PURGERS=PURGER) as url:
        yield url


def test_only_a_configured_purger_with_the_secret_may_purge(node):
    assert purge(node, source=PURGER, secret=PURGE_SECRET) == 200
    assert purge(node, source=PURGER, secret=PURGE_SECRET[:-1]) == 403
    assert purge(node, source=PURGER) == 403
    # A reader behind a TLS proxy on this machine: loopback, even with the secret.
    assert purge(node, secret=PURGE_SECRET) == 403
    assert purge(node) == 403


@pytest.mark.parametrize(
    ("missing", "said"),
    [
        ("VARNISH_PURGE_SECRET", "Set VARNISH_PURGE_SECRET"),
        ("VARNISH_PURGERS", "Set VARNISH_PURGERS"),
    ],
)
def test_a_node_refuses_to_start_without_its_purgers_and_secret(
    tmp_path, missing, said
):
    env = {
        **os.environ,
        "VARNISH_PORT": str(free_port()),
        "VARNISH_WORKDIR": str(tmp_path),
        "VARNISH_PURGERS": PURGER,
        "VARNISH_PURGE_SECRET": PURGE_SECRET,
    }
    del env[missing]

    started = subprocess.run(  # noqa: S603 - the shipped script
        [ROOT / "deploy" / "varnish" / "start.sh"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert started.returncode == 2
    assert said in started.stderr
