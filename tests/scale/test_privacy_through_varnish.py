"""The privacy walk through Varnish: what a shared cache keeps and serves to
anyone holds no commenter's address, hash of one, or IP address.

Commenters post through Varnish, as browsers with cookies of their own, and
read their article back while their comment waits; the comments are then
approved (and the pages purged). An anonymous reader walks every page
reachable from the home page, the feeds and the sitemap through Varnish,
twice, so the second walk is served from its cache, and every body and
header is checked.
"""

import re
import shutil
import urllib.error
import urllib.request
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest

from tests.servers import Reader, free_port, gunicorn, manage, site_environment, varnish
from tests.test_privacy_walk import fingerprints

pytestmark = pytest.mark.skipif(
    shutil.which("varnishd") is None,
    reason="varnishd is not installed (Debian packages varnish and "
    "varnish-modules; .ci/run installs them)",
)
LINK = re.compile(r'(?:href|src)="([^"]+)"|<(?:loc|link)>([^<]+)</(?:loc|link)>')
SKIPPED = ("/admin/", "/static/", "/media/")
MAX_PAGES = 150
COMMENTERS = [
    ("Private.Walker0@Mail-0.example", "198.51.100.80"),
    ("Private.Walker1@Mail-1.example", "198.51.100.81"),
]
APPROVE = """
from comments.models import Comment
for comment in Comment.objects.filter(email__startswith="Private.Walker"):
    comment.status = "approved"
    comment.save()
"""


def fetch(base, path):
    """(status, headers and body as text) of an anonymous request."""
    try:
        with urllib.request.urlopen(f"{base}{path}", timeout=10) as response:  # noqa: S310
            return response.status, str(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, str(error.headers), error.read().decode(errors="replace")


def walk(base, start):
    """Every page reachable from ``start`` on the site: {path: (status, text)}."""
    seen, queue = {}, list(start)
    while queue and len(seen) < MAX_PAGES:
        parts = urlsplit(queue.pop())
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen or path.startswith(SKIPPED):
            continue
        status, headers, body = fetch(base, path)
        seen[path] = (status, headers + body)
        for match in LINK.finditer(body):
            target = urljoin(
                f"{base}{path}", unescape(match.group(1) or match.group(2))
            )
            if urlsplit(target).netloc == urlsplit(base).netloc:
                queue.append(target)
    return seen


@pytest.fixture(scope="module")
def site(primary):
    node_port = free_port()
    env = site_environment(
        primary.url(),
        USE_X_FORWARDED_FOR="on",
        PROXY_COUNT="2",  # the commenter's own address, as the test sets it
        HTTP_CACHE_SECONDS="3600",
        HTTP_CACHE_PURGE_URLS=f"http://127.0.0.1:{node_port}/",
    )
    with gunicorn(env), varnish(env["PORT"], node_port) as node:
        yield env, node


def test_no_commenters_address_or_ip_is_served_from_the_shared_cache(site, article):
    env, node = site
    assert "Walker" not in fetch(node, article)[2]  # cached before anyone comments
    for number, (email, ip) in enumerate(COMMENTERS):
        commenter = Reader(node)
        commenter.opener.addheaders += [("X-Forwarded-For", ip)]
        commenter.post_comment(
            article, name=f"Walker {number}", email=email, body=f"Walk {number}."
        )
        assert f"Walk {number}." in commenter.get(article)  # their own, waiting
    pending = walk(node, ["/", article])
    manage("shell", "--no-imports", "-c", APPROVE, env=env)
    manage("db_worker", "--batch", "--no-startup-delay", env=env)  # purges
    start = ["/", article, "/feeds/rss/", "/feeds/comments/rss/", "/sitemap.xml"]
    start += [f"{article}comments/", f"{article}comments/atom/"]

    first, cached = walk(node, start), walk(node, start)

    assert "Walk 0." not in pending[article][1]  # nobody else sees it waiting
    assert len(cached) > 30
    assert "Walk 1." in cached[article][1]
    assert "X-Cache: hit" in cached[article][1]
    secrets = {ip for _, ip in COMMENTERS}
    secrets |= set().union(*(fingerprints(email) for email, _ in COMMENTERS))
    for path, (status, text) in [*pending.items(), *first.items(), *cached.items()]:
        # 204: the reading count's beacon (/count), which pages name.
        assert status in (200, 204, 301, 302, 404, 410), path
        leaks = [secret for secret in secrets if secret.lower() in text.lower()]
        assert not leaks, f"{path} exposes {leaks}"
