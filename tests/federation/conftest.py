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


@pytest.fixture
def work(run_worker, django_capture_on_commit_callbacks):
    """Run what is queued, and what that queues, as the task worker would,
    until nothing is due."""
    from django_tasks_db.models import DBTaskResult

    def run():
        for _ in range(20):
            with django_capture_on_commit_callbacks(execute=True):
                run_worker()
            if not DBTaskResult.objects.ready().exists():
                return
        raise AssertionError("the queue never ran dry")

    return run


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """What runs once a change commits (queuing tasks) runs at the block's end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def site_inbox():
    return "/ap/actors/test-site/inbox"


@pytest.fixture(autouse=True)
def site_handle(settings):
    settings.SITE_HANDLE = "test-site"


@pytest.fixture(scope="session", autouse=True)
def sigterm_tears_down_like_ctrl_c():
    """A SIGTERM (CI's time limit, `kill`) ends the run as Ctrl-C does: every
    fixture's teardown runs, so no server started here outlives the tests."""
    import signal

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    yield
    signal.signal(signal.SIGTERM, previous)
