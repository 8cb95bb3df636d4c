"""Who may reach the admin, where, and for how long."""

import importlib
import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import clear_url_caches, reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

import config.urls

pytestmark = pytest.mark.django_db


def reload_urls():
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def admin_moved():
    """The site as started with ADMIN_PATH=office-7f3a/."""
    with override_settings(ADMIN_PATH="office-7f3a/"):
        reload_urls()
        yield
    reload_urls()


def test_the_admin_answers_at_its_configured_path_and_admin_is_not_found(
    admin_moved, editor_client
):
    visitor = Client()

    assert visitor.get("/office-7f3a/").url == "/office-7f3a/login/?next=/office-7f3a/"
    assert editor_client.get("/office-7f3a/").status_code == 200
    assert editor_client.get("/admin/").status_code == 404
    assert "office" not in visitor.get("/robots.txt").content.decode()


def test_the_admin_at_its_configured_path_gets_the_admins_policy(admin_moved, client):
    sign_in = client.get("/office-7f3a/login/")
    not_found = client.get("/admin/login/")

    assert "'unsafe-inline'" in sign_in["Content-Security-Policy"]
    assert "'unsafe-inline'" not in not_found["Content-Security-Policy"]


def test_a_sign_in_ends_after_a_working_day(editor_client):
    assert editor_client.get(reverse("admin:index")).status_code == 200

    with time_machine.travel(timezone.now() + timedelta(hours=12, minutes=1)):
        response = editor_client.get(reverse("admin:index"))

    assert response.url.startswith(reverse("admin:login"))


RIGHT = "a long pass phrase"  # every test account's, from UserFactory
WRONG = "not the password"
ELSEWHERE = "198.51.100.7"


def sign_in(username, password, **extra):
    """A sign-in from a browser of its own (127.0.0.1 unless said otherwise)."""
    return Client().post(
        reverse("admin:login"), {"username": username, "password": password}, **extra
    )


def fail_to_sign_in(times, username, **extra):
    for _ in range(times):
        assert sign_in(username, WRONG, **extra).status_code in (200, 429)


def test_failed_sign_ins_lock_the_account_from_that_address_with_a_page_that_says_so(
    editor, settings
):
    fail_to_sign_in(settings.AXES_FAILURE_LIMIT - 1, editor.username)
    assert sign_in(editor.username, RIGHT).status_code == 302

    fail_to_sign_in(1, editor.username)
    refused = sign_in(editor.username, RIGHT)

    assertContains(refused, "Too many failed sign-ins", status_code=429)
    assertContains(refused, "locked for the next 24 hours", status_code=429)
    assert "_auth_user_id" not in refused.wsgi_request.session


def test_nobody_can_lock_a_staff_member_out_from_their_own_address(editor, settings):
    fail_to_sign_in(settings.AXES_FAILURE_LIMIT * 2, editor.username)

    assert sign_in(editor.username, RIGHT).status_code == 429
    assert sign_in(editor.username, RIGHT, REMOTE_ADDR=ELSEWHERE).status_code == 302


def test_failed_sign_ins_from_one_address_lock_it_for_every_account(editor, settings):
    for guess in range(settings.AXES_FAILURE_LIMIT):
        fail_to_sign_in(1, f"guessed-name-{guess}")

    assert sign_in(editor.username, RIGHT).status_code == 429
    assert sign_in(editor.username, RIGHT, REMOTE_ADDR=ELSEWHERE).status_code == 302


def test_the_owner_lifts_an_accounts_lock_with_axes_reset_username(editor, settings):
    fail_to_sign_in(settings.AXES_FAILURE_LIMIT, editor.username)
    assert sign_in(editor.username, RIGHT).status_code == 429

    call_command("axes_reset_username", editor.username, stdout=io.StringIO())

    assert sign_in(editor.username, RIGHT).status_code == 302


def test_the_owner_lifts_an_addresss_lock_with_axes_reset_ip(editor, settings):
    fail_to_sign_in(settings.AXES_FAILURE_LIMIT, "admin", REMOTE_ADDR=ELSEWHERE)
    assert sign_in(editor.username, RIGHT, REMOTE_ADDR=ELSEWHERE).status_code == 429

    call_command("axes_reset_ip", ELSEWHERE, stdout=io.StringIO())

    assert sign_in(editor.username, RIGHT, REMOTE_ADDR=ELSEWHERE).status_code == 302


def test_a_lock_lifts_itself_after_the_lockout_hours(editor, settings):
    fail_to_sign_in(settings.AXES_FAILURE_LIMIT, editor.username)

    assert sign_in(editor.username, RIGHT).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(hours=24, minutes=1)):
        assert sign_in(editor.username, RIGHT).status_code == 302


def test_behind_a_proxy_each_readers_address_is_locked_not_the_proxys(editor, settings):
    settings.USE_X_FORWARDED_FOR = True
    via_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = {"X-Forwarded-For": "203.0.113.66"}
    fail_to_sign_in(settings.AXES_FAILURE_LIMIT, "admin", headers=attacker, **via_proxy)

    assert sign_in("admin", WRONG, headers=attacker, **via_proxy).status_code == 429
    ours = {"X-Forwarded-For": "203.0.113.7"}
    assert sign_in(editor.username, RIGHT, headers=ours, **via_proxy).status_code == 302


def test_failed_sign_ins_leave_cached_pages_in_place(editor, settings):
    settings.PAGE_CACHE = True
    reader = Client()
    reader.get("/")

    fail_to_sign_in(settings.AXES_FAILURE_LIMIT, editor.username)

    assert reader.get("/")["X-Page-Cache"] == "hit"


def test_the_daily_jobs_delete_sign_ins_that_have_ended(editor_client):
    from django.contrib.sessions.models import Session

    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))

    call_command("run_jobs", stdout=io.StringIO())

    assert not Session.objects.exists()


def test_a_successful_sign_in_leaves_no_record_of_its_address(editor):
    from axes.models import AccessLog

    assert sign_in(editor.username, RIGHT).status_code == 302
    assert not AccessLog.objects.exists()
