"""The site as `make bench-federation` serves it: the deployment's settings,
with the outbound client's test-only switch on, so that its deliveries reach
the inboxes the benchmark serves on loopback."""

from config.settings import *  # noqa: F403

OUTBOUND_ALLOW_LOOPBACK = True
