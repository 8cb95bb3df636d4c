from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import transaction

from pages.models import Page

# The real exports kept beside the tests (fixtures/README.md says where each
# comes from). wordpress-export.xml was written by WordPress 6.1, with a
# record of what WordPress answered at each old address.
FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE = FIXTURES / "wordpress-export.xml"
# Two days after the export was written: its newest comments are within the
# 30-day window for keeping IP addresses, the older ones are not.
SOON_AFTER_EXPORT = datetime(2026, 11, 26, 12, tzinfo=UTC)
SITE_SET_UP = datetime(2024, 1, 1, tzinfo=UTC)


def site_set_up_before_the_export():
    """The pages the site ships went live when the test database was made,
    which may be after SOON_AFTER_EXPORT: the site was set up before."""
    Page.objects.filter(published_at__gt=SOON_AFTER_EXPORT).update(
        published_at=SITE_SET_UP
    )


@pytest.fixture
def after_export():
    with time_machine.travel(SOON_AFTER_EXPORT):
        yield


@pytest.fixture
def import_wordpress(db, after_export):
    """Run `manage.py import_wordpress`; returns what it printed.

    The old sites of the exports are not reached (--no-media): a test that
    fetches files passes ``media=True`` and serves them on loopback.
    """

    site_set_up_before_the_export()

    def run(source=FIXTURE, *args, media=False):
        out, err = StringIO(), StringIO()
        args = (*args, *([] if media else ["--no-media"]))
        call_command("import_wordpress", str(source), *args, stdout=out, stderr=err)
        return out.getvalue()

    return run


@pytest.fixture
def loopback_allowed(settings):
    """Let the outbound client reach loopback servers that tests start."""
    settings.OUTBOUND_ALLOW_LOOPBACK = True


@pytest.fixture
def fixture_text():
    return FIXTURE.read_text(encoding="utf-8")


@contextmanager
def imported_for_module(django_db_blocker, path, *args):
    """An export imported once for a module's tests that only read it (each
    test's own changes roll back to it); the import is undone afterwards.
    Yields what the import printed."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = StringIO()
            site_set_up_before_the_export()
            with (
                time_machine.travel(SOON_AFTER_EXPORT),
                suppress(CommandError),  # parts refused: the report says which
            ):
                call_command(
                    "import_wordpress", str(path), "--no-media", *args,
                    stdout=out, stderr=StringIO(),
                )  # fmt: skip
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def imported_once(django_db_setup, django_db_blocker):
    """The WordPress 6.1 export, imported once for the module."""
    with imported_for_module(django_db_blocker, FIXTURE) as out:
        yield out


@pytest.fixture
def imported(imported_once, db):
    """The fixture, imported: what the import printed."""
    return imported_once
