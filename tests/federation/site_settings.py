"""The site as the peer tests serve it: the deployment's settings, with the
outbound client's test-only switch on, so that it reaches the peer on
loopback (the switch is never read from the environment)."""

from config.settings import *  # noqa: F403

OUTBOUND_ALLOW_LOOPBACK = True
