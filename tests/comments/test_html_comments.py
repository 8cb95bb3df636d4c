"""Comments brought over with their HTML keep lists and emphasis, nothing else."""

import pytest

from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

IMPORTED = (
    "<p>Three <em>points</em>, <strong>briefly</strong>:</p>"
    "<ol><li>H<sub>2</sub>O</li><li>E = mc<sup>2</sup></li></ol>"
    "<dl><dt>Term</dt><dd>Its meaning</dd></dl>"
    '<p><a href="https://example.org/" onclick="steal()">a link</a>'
    '<img src="https://tracker.example/pixel.gif"><script>alert(1)</script></p>'
)


def test_an_imported_html_comment_keeps_lists_and_emphasis_only(client):
    article = ArticleFactory()
    CommentFactory(article=article, body=IMPORTED, body_is_html=True)

    html = client.get(article.get_absolute_url()).text

    for kept in (
        "<em>points</em>", "<strong>briefly</strong>", "<li>H<sub>2</sub>O</li>",
        "<li>E = mc<sup>2</sup></li>", "<dt>Term</dt><dd>Its meaning</dd>",
        '<a href="https://example.org/" rel="nofollow ugc noopener">a link</a>',
    ):  # fmt: skip
        assert kept in html
    for removed in ("steal()", "tracker.example", "alert(1)"):
        assert removed not in html


def test_a_readers_comment_still_shows_its_html_as_text(client):
    article = ArticleFactory()
    CommentFactory(article=article, body="<em>not emphasis</em>")

    html = client.get(article.get_absolute_url()).text

    assert "&lt;em&gt;not emphasis&lt;/em&gt;" in html
