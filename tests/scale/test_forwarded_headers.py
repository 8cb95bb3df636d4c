"""No header a reader sends changes what a shared page holds for the next one.

A proxy may pass on headers that tell an app where it is mounted or how it
was reached: SCRIPT_NAME moved the whole site under the address asked for
(the home page, its links broken, stored as an article; HTML stored as the
feed), X-Forwarded-Proto named the scheme in feeds and the sitemap index.
Each is sent to a real gunicorn, through Varnish and through HAProxy, at
pages no cache holds yet; then every reader gets the genuine pages.
"""

import re
import shutil

import pytest

from tests.scale.test_varnish import change, read
from tests.servers import free_port, gunicorn, haproxy, site_environment, varnish

pytestmark = pytest.mark.skipif(
    not (shutil.which("varnishd") and shutil.which("haproxy")),
    reason="varnishd or haproxy is not installed (Debian packages varnish, "
    "varnish-modules and haproxy; .ci/run installs them)",
)

HEADERS = {
    "SCRIPT_NAME": lambda path: path.rstrip("/"),
    "X-Forwarded-Host": lambda path: "evil.example",
    "X-Forwarded-Proto": lambda path: "https",
    "X-Forwarded-Prefix": lambda path: "/evil",
    "X-Original-URL": lambda path: "/feeds/rss/",
    "X-Rewrite-URL": lambda path: "/feeds/rss/",
    "X-Host": lambda path: "evil.example",
}
EVERY_PAGE_STALE = (
    "from pagecache.changes import changed\nchanged(lambda: {'site'}, at_once=True)\n"
)


@pytest.fixture(scope="module")
def fronts(primary):
    """The site three ways: gunicorn itself, Varnish and HAProxy in front."""
    port = free_port()
    env = site_environment(
        primary.url(),
        HTTP_CACHE_SECONDS="3600",
        HTTP_CACHE_PURGE_URLS=f"http://127.0.0.1:{port}/",
    )
    with (
        gunicorn(env) as app,
        varnish(env["PORT"], port) as node,
        haproxy(*[f"127.0.0.1:{env['PORT']}"] * 2) as (balancer, _),
    ):
        yield env, {"gunicorn": app, "varnish": node, "haproxy": balancer}


@pytest.fixture(scope="module")
def article(primary):
    [(slug,)] = primary.execute(
        "SELECT slug FROM articles_article ORDER BY published_at LIMIT 1"
    )
    return f"/articles/{slug}/"


def genuine(base, path):
    """What ``path`` holds for a reader, as rendered for that reader alone
    (a cookie keeps every cache out of it)."""
    return what_it_holds(read(f"{base}{path}", Cookie="fresh=1"))


def what_it_holds(answer):
    """A page's kind, title and first links: what a poisoned copy changes."""
    status, headers, body = answer
    title = re.search(r"<title>(.*?)</title>", body, re.DOTALL)
    links = re.findall(r"https?://[^\s\"<]+", body)[:5]
    return status, headers["Content-Type"], title and title.group(1), links


@pytest.mark.parametrize("header", HEADERS)
def test_no_forwarded_header_changes_a_shared_page(fronts, article, header):
    env, bases = fronts
    paths = (article, "/feeds/rss/", "/sitemap.xml")
    expected = {path: genuine(bases["gunicorn"], path) for path in paths}
    change(env, EVERY_PAGE_STALE)

    # Each page asked for first, when no cache holds it, with the header.
    for offset, base in enumerate(bases.values()):
        path = paths[(offset + list(HEADERS).index(header)) % len(paths)]
        read(f"{base}{path}", **{header: HEADERS[header](path)})

    for path in paths:
        for front, base in bases.items():
            for _ in range(2):  # the first reader, and one from the cache
                holds = what_it_holds(read(f"{base}{path}"))
                assert holds == expected[path], (front, path)
