"""gunicorn as shipped (config/gunicorn.conf.py): two sites on one box keep
out of each other's way, and HEAD requests are answered quietly."""

import json
import os
import urllib.request

import pytest

from tests.servers import ROOT, gunicorn, site_environment

LOGO = "/static/img/logo.png"


def head(url):
    request = urllib.request.Request(url, method="HEAD")  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def test_two_sites_for_one_user_share_no_control_socket_and_head_logs_no_warning(
    tmp_path,
):
    home = tmp_path / "home"
    home.mkdir()
    one, two = (
        {
            **site_environment(os.environ["DATABASE_URL"], HOME=str(home)),
            "XDG_RUNTIME_DIR": "",  # gunicorn's default then lies under HOME
        }
        for _ in range(2)
    )
    output = tmp_path / "servers.log"

    with (
        output.open("w") as log,
        gunicorn(one, output=log) as first,
        gunicorn(two, output=log) as second,
    ):
        answers = [
            head(f"{base}{path}")
            for base in (first, second)
            for path in ("/healthz", LOGO)
        ]
        sockets = list(home.rglob("*.ctl"))

    assert sockets == []
    assert all(status == 200 and body == b"" for status, _, body in answers)
    logo = (ROOT / "static" / LOGO.removeprefix("/static/")).stat().st_size
    assert int(answers[1][1]["Content-Length"]) == logo  # the GET's length
    lines = [json.loads(line) for line in output.read_text().splitlines()]
    assert [line for line in lines if line["level"] == "WARNING"] == []


def test_gunicorn_refuses_to_start_without_a_way_to_send_mail(tmp_path):
    env = site_environment(os.environ["DATABASE_URL"], EMAIL_URL="")
    output = tmp_path / "server.log"

    with (
        output.open("w") as log,
        pytest.raises(RuntimeError, match="exited while starting"),
        gunicorn(env, output=log),
    ):
        pass

    assert "No way to send mail is set" in output.read_text()
