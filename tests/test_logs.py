"""Log lines: one JSON object each, tied to its request, with nothing private."""

import io
import json
import logging
import re
import secrets
import urllib.request
from urllib.parse import quote

import pytest

from tests.servers import (
    Postgres,
    Reader,
    gunicorn,
    load_site,
    manage,
    site_environment,
)
from web.logs import JsonFormatter

NEW_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def log_lines():
    """The lines the site logs during the test, parsed, as the console writes them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.getLogger().removeHandler(handler)


@pytest.mark.django_db
def test_a_request_id_from_the_proxy_is_sent_back_and_on_every_line(client, log_lines):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="lb-7f3a.2_X")

    assert response.status_code == 404
    assert response["X-Request-ID"] == "lb-7f3a.2_X"
    lines = log_lines()
    assert {line["logger"] for line in lines} == {"django.request", "access"}
    assert {line["request_id"] for line in lines} == {"lb-7f3a.2_X"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent",
    [None, "", "has spaces", "x" * 129, "reader@example.net", 'a"}\n{"forged'],
)
def test_a_missing_or_odd_request_id_is_replaced_by_a_new_one(client, log_lines, sent):
    headers = {} if sent is None else {"X-Request-ID": sent}

    response = client.get("/", headers=headers)

    assert NEW_ID.fullmatch(response["X-Request-ID"])
    [line] = [line for line in log_lines() if line["logger"] == "access"]
    assert line["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
def test_the_request_line_has_method_path_status_and_duration_not_the_query(
    client, log_lines
):
    client.get("/search/?q=words+a+reader+keeps+private")

    [line] = log_lines()
    assert line["logger"] == "access"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/search/", 200)
    assert line["message"] == "GET /search/ 200"
    assert isinstance(line["duration_ms"], float)
    assert "private" not in json.dumps(line)


SECRET = secrets.token_urlsafe(24)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "logged"),
    [
        (f"/subscribe/confirm/{SECRET}/", "/subscribe/confirm/<token>/"),
        (f"/subscribe/unsubscribe/7/{SECRET}/", "/subscribe/unsubscribe/7/<token>/"),
        (f"/comments/confirm/{SECRET}/", "/comments/confirm/<token>/"),
        (f"/comments/manage/{SECRET}/", "/comments/manage/<token>/"),
        (f"/comments/replies/stop/7/{SECRET}/", "/comments/replies/stop/7/<token>/"),
        (
            f"/comments/replies/stop-all/{SECRET}:1vQx2a:{SECRET}/",
            "/comments/replies/stop-all/<token>/",
        ),
        (f"/subscribe/7/{SECRET}/", "/subscribe/7/<token>/"),
        (f"/preview/shared/{SECRET}/", "/preview/shared/<token>/"),
    ],
)
def test_the_token_or_key_of_a_mailed_link_is_masked_on_every_line(
    client, log_lines, path, logged
):
    response = client.get(path)

    lines = log_lines()
    [access] = [line for line in lines if line["logger"] == "access"]
    assert access["path"] == logged
    assert access["message"] == f"GET {logged} {response.status_code}"
    if response.status_code >= 400:  # Django's own line names the path too
        assert any(logged in line["message"] for line in lines if line is not access)
    assert SECRET not in json.dumps(lines)


EMAIL = "log.reader@private.example"
ADDRESS = "203.0.113.58"
PASSWORD = "editor's own " + secrets.token_hex(8)
CREATE_EDITOR = f"""
from django.contrib.auth.models import User
User.objects.create_superuser("log-editor", "", {PASSWORD!r})
"""


class ResponseIds(urllib.request.BaseHandler):
    """Notes the X-Request-ID of every response: redirects and errors too."""

    def __init__(self):
        self.ids = []

    def http_response(self, request, response):
        self.ids.append(response.headers["X-Request-ID"])
        return response


def reader(base, ids, *headers):
    visitor = Reader(base)
    visitor.opener.add_handler(ids)
    visitor.opener.addheaders += headers
    return visitor


def session_cookie(visitor):
    [processor] = [
        handler
        for handler in visitor.opener.handlers
        if isinstance(handler, urllib.request.HTTPCookieProcessor)
    ]
    return next(c.value for c in processor.cookiejar if c.name == "sessionid")


@pytest.fixture(scope="module")
def server():
    postgres = Postgres("logs").initdb().start()
    try:
        postgres.execute("CREATE DATABASE site", database="postgres")
        load_site(site_environment(postgres.url()))
        yield postgres
    finally:
        postgres.destroy()


def test_the_server_log_is_json_tied_to_responses_and_keeps_nothing_private(
    server, tmp_path
):
    secret_key = secrets.token_urlsafe(50)
    env = site_environment(
        server.url(), USE_X_FORWARDED_FOR="on", DJANGO_SECRET_KEY=secret_key
    )
    manage("shell", "--no-imports", "-c", CREATE_EDITOR, env=env)
    [(slug,)] = server.execute(
        "SELECT slug FROM articles_article ORDER BY published_at LIMIT 1"
    )
    article = f"/articles/{slug}/"
    ids = ResponseIds()

    with (
        (tmp_path / "server.log").open("w") as output,
        gunicorn(env, output=output) as base,
    ):
        visitor = reader(base, ids, ("X-Forwarded-For", f"10.0.0.9, {ADDRESS}"))
        visitor.get("/")
        visitor.get(f"/search/?q={quote(EMAIL)}")
        assert visitor.open("/articles/no-such-article/")[0] == 404
        visitor.post_comment(article, name="Log Reader", email=EMAIL, body="Hello.")
        [(comment, address)] = server.execute(
            "SELECT id, ip_address FROM comments_comment WHERE email = %s", [EMAIL]
        )
        assert str(address) == ADDRESS  # the site took it from X-Forwarded-For

        editor = reader(base, ids)
        editor.submit(
            "/admin/login/?next=/admin/", username="log-editor", password=PASSWORD
        )
        editor.submit(
            "/admin/comments/comment/", action="approve", _selected_action=comment
        )
        assert "Hello." in visitor.get(article)
        session = session_cookie(editor)

    text = (tmp_path / "server.log").read_text()
    lines = [json.loads(line) for line in text.splitlines()]
    assert all(
        {"time", "level", "logger", "message", "request_id"} <= line.keys()
        for line in lines
    )
    requests = [
        line
        for line in lines
        if line["logger"] == "access" and line["path"] != "/healthz"
    ]
    assert [line["request_id"] for line in requests] == ids.ids
    assert {"/search/", "/admin/login/", "/admin/comments/comment/"} <= {
        line["path"] for line in requests
    }
    [not_found] = [line for line in requests if line["status"] == 404]
    assert any(
        line["logger"] == "django.request"
        and line["request_id"] == not_found["request_id"]
        for line in lines
    )
    for private in (EMAIL, quote(EMAIL), ADDRESS, PASSWORD, secret_key, session):
        assert private not in text
