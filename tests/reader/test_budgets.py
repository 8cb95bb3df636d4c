"""An article page with 20 comments stays within its weight and request budget."""

import gzip
import re
from pathlib import Path

import pytest

from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

SERIES_PART = Path("content/backend-intro/02-data-and-databases.md")
BUDGET_BYTES = 30 * 1024
# The page, its stylesheet, icon and comment script, and the script that
# counts its view (analytics/, under 1 kB and cached for a year).
BUDGET_REQUESTS = 5
SUBRESOURCE = re.compile(
    r'<(?:link rel="(?:stylesheet|icon)"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"'
)


@pytest.fixture
def article_with_20_comments():
    article = ArticleFactory(body=SERIES_PART.read_text())
    CommentFactory.create_batch(20, article=article, body="A considered reply. " * 8)
    return article


def test_article_page_weighs_under_30_kb_in_at_most_5_requests(
    client, article_with_20_comments
):
    response = client.get(article_with_20_comments.get_absolute_url())
    html = response.content
    # What <noscript> holds is fetched only where scripts are not.
    scripted = re.sub(r"<noscript>.*?</noscript>", "", html.decode(), flags=re.S)
    subresources = SUBRESOURCE.findall(scripted)

    transferred = len(gzip.compress(html, 9))
    for url in subresources:
        asset = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert asset.status_code == 200, url
        if url.endswith((".css", ".js")):
            assert asset["Content-Encoding"] == "gzip", url
        transferred += sum(len(chunk) for chunk in asset.streaming_content)

    assert 1 + len(subresources) <= BUDGET_REQUESTS, subresources
    assert transferred < BUDGET_BYTES, f"{transferred} bytes"


def test_static_files_have_hashed_names_and_a_long_cache_life(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    [stylesheet] = re.findall(r'<link rel="stylesheet" href="(/static/[^"]+)"', html)

    response = client.get(stylesheet)

    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", stylesheet)
    assert "max-age=315360000" in response["Cache-Control"]


def test_public_pages_send_a_strict_content_security_policy(client):
    response = client.get(ArticleFactory().get_absolute_url())

    policy = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'", "script-src 'self'", "style-src 'self'",
        "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
    ):  # fmt: skip
        assert directive in policy
    assert "unsafe-inline" not in policy


def test_pages_have_no_inline_script_or_style(client, article_with_20_comments):
    html = client.get(article_with_20_comments.get_absolute_url()).content.decode()

    assert "style=" not in html and "<style" not in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all(
        'src="' in attrs or 'type="application/ld+json"' in attrs for attrs in scripts
    )
