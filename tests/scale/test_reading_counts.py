"""Reading counts on real servers: behind Varnish, a page from its cache
costs the site nothing but the beacon, and a worker that is stopped hands
over what it counted first."""

import json
import shutil
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from tests.servers import NoRedirects, gunicorn, manage, site_environment, varnish

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Scale-Marker/3"
)
OPENER = urllib.request.build_opener(NoRedirects)


def ask(url, data=None, **headers):
    """(status, headers) of one request from a reader's browser, no cookies."""
    request = urllib.request.Request(  # noqa: S310 - loopback
        url,
        data=urlencode(data).encode() if data else None,
        headers={"User-Agent": BROWSER, **headers},
    )
    try:
        with OPENER.open(request, timeout=10) as response:
            response.read()
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def beacon(base, path, event="v"):
    return ask(
        f"{base}/count", {"e": event, "p": path}, **{"Sec-Fetch-Site": "same-origin"}
    )


def access_paths(log, since):
    """The paths of the requests the site answered, from its log lines."""
    lines = log.read_text()[since:].splitlines()
    return [
        entry["path"] for entry in map(json.loads, lines) if entry["logger"] == "access"
    ]


def counted(env, article):
    code = (
        "from analytics.models import DailyCount\n"
        f"row = DailyCount.objects.filter(entry__path={article!r}).first()\n"
        "print(row and (row.views, row.reads, row.visitors))"
    )
    manage("fold_counts", env=env)
    return manage("shell", "--no-imports", "-c", code, env=env).stdout.strip()


@pytest.mark.skipif(
    shutil.which("varnishd") is None,
    reason="varnishd is not installed (Debian packages varnish and "
    "varnish-modules; .ci/run installs them)",
)
def test_through_varnish_a_cached_page_costs_the_site_only_its_beacon(
    primary, article, tmp_path
):
    env = site_environment(primary.url(), HTTP_CACHE_SECONDS="3600")
    log = tmp_path / "site.log"
    with (
        log.open("w") as output,
        gunicorn(env, output=output),
        varnish(env["PORT"]) as node,
    ):
        ask(f"{node}{article}")
        assert ask(f"{node}{article}")[1]["X-Cache"] == "hit"
        since = len(log.read_text())

        page = ask(f"{node}{article}")
        answers = [beacon(node, article), beacon(node, article, "r")]
        answers += [ask(f"{node}/count", Referer=f"{node}{article}") for _ in "ab"]

    assert page[1]["X-Cache"] == "hit"
    assert [status for status, _ in answers] == [204] * 4
    assert all("Set-Cookie" not in headers for _, headers in answers)
    assert all(headers["X-Cache"] == "miss" for _, headers in answers)
    assert access_paths(log, since) == ["/count"] * 4


def test_a_stopped_worker_hands_over_its_counts_and_logs_no_reader(primary, tmp_path):
    [(slug,)] = primary.execute(
        "SELECT slug FROM articles_article ORDER BY published_at DESC LIMIT 1"
    )
    article = f"/articles/{slug}/"  # one the test above does not read
    env = site_environment(primary.url(), ANALYTICS_FLUSH_SECONDS="3600")
    log = tmp_path / "site.log"
    with log.open("w") as output, gunicorn(env, output=output) as app:
        for event in ("v", "v", "r"):
            assert beacon(app, article, event)[0] == 204
    # gunicorn has stopped its worker with SIGTERM: its counts are in the cache.

    assert counted(env, article) == "(2, 1, 1)"
    assert "Scale-Marker" not in log.read_text()
    assert "127.0.0.1" not in "".join(access_paths(log, 0))
