"""Who may reach the admin, where, and for how long."""

import importlib
from datetime import timedelta

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import clear_url_caches, reverse
from django.utils import timezone

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
