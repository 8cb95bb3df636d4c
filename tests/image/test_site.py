"""The site container serves readers as user 10001 on a read-only root."""

import gzip
import re
import time
import urllib.request

from tests.servers import Reader


def test_the_site_answers_health_checks_the_home_page_and_an_article(site, article):
    _, base = site
    path, title = article
    reader = Reader(base)

    assert reader.open("/healthz") == (200, "ok\n")
    status, home = reader.open("/")
    assert status == 200
    assert f'href="{path}"' in home
    status, page = reader.open(path)
    assert status == 200
    assert f"<h1>{title}</h1>" in page


def test_static_files_have_hashed_names_and_come_compressed(site):
    _, base = site
    home = Reader(base).get("/")
    [stylesheet] = re.findall(r'<link rel="stylesheet" href="(/static/[^"]+)"', home)
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet)

    request = urllib.request.Request(  # noqa: S310 - loopback
        f"{base}{stylesheet}", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.headers["Content-Encoding"] == "gzip"
        assert "immutable" in response.headers["Cache-Control"]
        assert b"{" in gzip.decompress(response.read())


def test_the_site_runs_as_user_10001_and_writes_only_to_media_and_tmp(site, containers):
    name, _ = site

    def shell(script):
        return containers.engine(
            "exec", name, "sh", "-c", script, check=False, capture=True
        )

    status = shell("cat /proc/1/status").stdout
    assert re.search(r"^Uid:\s+10001\s+10001\s", status, re.MULTILINE)
    assert "gunicorn" in shell("cat /proc/1/cmdline").stdout
    assert shell("touch /app/media/written && touch /tmp/written").returncode == 0
    refused = shell("touch /app/written")
    assert "Read-only file system" in refused.stderr


def test_the_health_check_turns_healthy(site, containers):
    name, _ = site
    # podman runs health checks from systemd timers; without systemd, on demand.
    deadline = time.monotonic() + 30
    while not containers.engine.succeeds("healthcheck", "run", name):
        assert time.monotonic() < deadline, "the health check never passed"
        time.sleep(1)

    [details] = containers.engine.inspect(name)
    assert details["State"]["Health"]["Status"] == "healthy"
