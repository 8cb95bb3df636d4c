from urllib.parse import urlencode

import pytest
from django.core.management import call_command

from analytics.tally import tally

# A reader's browser, as Chromium names itself.
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
READER = "203.0.113.9"


@pytest.fixture(autouse=True)
def worker(settings):
    """The counts of one fresh worker, handed to the cache by ``flush()``
    rather than by a thread of its own (whose database connection would
    write outside the test's transaction)."""
    settings.ANALYTICS_FLUSH_SECONDS = 0
    tally.pid = None  # as in a newly started process
    yield tally
    tally.pid = None


@pytest.fixture
def beacon(client):
    """What count.js sends from a page: a view (``e="v"``) or a read."""

    def send(path, event="v", *, address=READER, agent=BROWSER, headers=None, **rest):
        return client.post(
            "/count",
            urlencode({"e": event, "p": path, **rest}),
            content_type="application/x-www-form-urlencoded",
            REMOTE_ADDR=address,
            headers={
                "User-Agent": agent,
                "Sec-Fetch-Site": "same-origin",
                **(headers or {}),
            },
        )

    return send


@pytest.fixture
def fold(worker):
    """Hand this worker's counts over and run the periodic fold."""

    def run():
        worker.flush()
        call_command("fold_counts", verbosity=0)

    return run
