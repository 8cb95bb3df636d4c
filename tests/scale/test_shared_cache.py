"""Two app servers share a Redis page cache (CACHE_URL) and stay fresh."""

import shutil

import pytest
import redis

from tests.servers import Reader, gunicorn, manage, redis_server, site_environment

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None,
    reason="redis-server is not installed (Debian package redis-server; "
    ".ci/run installs it)",
)

RETITLE = """
from articles.models import Article
article = Article.objects.order_by("published_at").first()
article.title = "Retitled on another server"
article.save()
"""


@pytest.fixture(scope="module")
def servers(primary):
    with redis_server() as cache_url:
        env_one = site_environment(primary.url(), CACHE_URL=cache_url)
        env_two = site_environment(primary.url(), CACHE_URL=cache_url)
        with gunicorn(env_one) as one, gunicorn(env_two) as two:
            yield one, two, env_one, cache_url


def test_a_page_cached_in_redis_is_fresh_on_every_server_after_an_edit(
    servers, article
):
    one, two, env, cache_url = servers
    reader = Reader(two)
    reader.get(article)
    assert reader.open_with_headers(article)[1]["X-Page-Cache"] == "hit"
    assert list(redis.from_url(cache_url).scan_iter("*pagecache*"))

    manage("shell", "--no-imports", "-c", RETITLE, env=env)

    assert "Retitled on another server" in Reader(two).get(article)
    assert "Retitled on another server" in Reader(one).get(article)
