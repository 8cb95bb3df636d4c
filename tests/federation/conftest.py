import pytest

from tests.federation.remote import fediverse_server


@pytest.fixture
def fediverse(settings):
    """A fediverse server on loopback, which the site may reach (the
    outbound client's test-only switch)."""
    settings.OUTBOUND_ALLOW_LOOPBACK = True
    settings.SITE_URL = "http://testserver"
    with fediverse_server() as server:
        yield server


@pytest.fixture
def alice(fediverse):
    return fediverse.account("alice")
