import os
import subprocess
import sys

import feedparser
import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command

from tests import servers
from tests.factories import signed_seconds_ago

# The servers and commands the tests start (gunicorn, manage.py, make run)
# refuse to start without a way to send mail; they send none, whatever the
# environment or .env says, unless a test gives them a mail server of its own
# (tests.servers.smtp_server).
os.environ["EMAIL_URL"] = "dummymail://"


@pytest.fixture(scope="session", autouse=True)
def collected_static_files(django_db_blocker):
    """Collect static files once, as a deployment does, for the manifest storage."""
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture
def manage_py():
    """Run manage.py in a fresh process with extra environment variables."""

    def run(*args, **environ):
        env = {**os.environ, **environ}
        return subprocess.run(  # noqa: S603 - fixed interpreter and script
            [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


@pytest.fixture
def editor(db):
    """A staff member in the Editors group, as an editor's account is set up."""
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def comment_data():
    """What a reader's browser sends, a comfortable 20 seconds after loading."""

    def data(**overrides):
        return {
            "name": "Ada Reader",
            "email": "ada@example.net",
            "website": "",
            "body": "A thoughtful remark.",
            "timestamp": signed_seconds_ago(20),
            "parent": "",
            **overrides,
        }

    return data


@pytest.fixture
def post_comment(client, comment_data):
    def post(article, *, using=None, **overrides):
        return (using or client).post(
            f"{article.get_absolute_url()}comments/", comment_data(**overrides)
        )

    return post


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Most tests look at rendering; tests/pagecache/ turns the cache on."""
    settings.PAGE_CACHE = False


@pytest.fixture(autouse=True)
def no_fragments_from_earlier_tests():
    """Each test starts with no rendered fragments in memory, as a new worker."""
    caches["fragments"].clear()


@pytest.fixture
def smtp_server(settings):
    with servers.smtp_server() as (inbox, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        yield inbox


@pytest.fixture
def run_worker(monkeypatch):
    """Run the real worker over the queue, inside the test's transaction.

    The worker drops connections that are not in autocommit mode, as the test's
    is; Django's test client likewise keeps the connection across requests.
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda **options: call_command(
        "db_worker", batch=True, no_startup_delay=True, verbosity=0, **options
    )


@pytest.fixture
def read_feed(client):
    """A feed as a reader's feed reader gets it: the response, and its parse,
    which must be well formed."""

    def read(url):
        response = client.get(url)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.get("bozo_exception")
        return response, feed

    return read
