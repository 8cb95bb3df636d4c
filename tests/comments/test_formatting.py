"""Comments take a little Markdown, rendered by the site's sanitiser, with a
preview that is never stored; the form says so under the box."""

import re

import pytest
from django.test import Client

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

PREVIEW = "/comments/preview/"


def test_the_form_says_under_the_box_what_a_comment_may_hold(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()

    box, after = html.split('name="body"', 1)[1].split("</textarea>", 1)
    assert "*emphasis*, **strong**, `code`" in after.split("</div>", 1)[0]
    assert "No HTML. Up to 5,000 characters." in after.split("</div>", 1)[0]
    assert 'aria-describedby="id_body_helptext"' in box


def test_emphasis_code_quotes_and_links_show_as_formatting(client):
    comment = CommentFactory(
        body="**Strong** and *soft*, `x < y`.\n\n> Quoted words\n\n"
        "[the docs](https://example.org/docs) or https://example.org/bare"
    )

    html = client.get(comment.target.get_absolute_url()).content.decode()

    assert "<strong>Strong</strong> and <em>soft</em>, <code>x &lt; y</code>." in html
    assert "<blockquote>\n<p>Quoted words</p>\n</blockquote>" in html
    assert (
        '<a href="https://example.org/docs" rel="nofollow ugc noopener">the docs</a>'
        in html
    )
    assert (
        '<a href="https://example.org/bare" rel="nofollow ugc noopener">'
        "https://example.org/bare</a>" in html
    )


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("# Big title", "<p># Big title</p>"),
        ("- a list\n- of two", "<p>- a list<br>\n- of two</p>"),
        ("![a tracking pixel](https://evil.example/p.gif)", "<img"),
        (
            '<img src=x onerror="alert(1)">',
            '&lt;img src=x onerror="alert(1)"&gt;',  # text: quotes need no escape
        ),
        ("[click](javascript:alert(1))", "[click](javascript:alert(1))"),
        ('[t](https://example.org "A title")', '<a href="https://example.org" rel='),
    ],
)
def test_what_comments_do_not_take_shows_as_typed(client, typed, shown):
    comment = CommentFactory(body=typed)

    body = comment.body_html

    if shown == "<img":
        assert "<img" not in body and "evil.example/p.gif" in body
    else:
        assert shown in body
    assert "<h1" not in body and "<li" not in body and "title=" not in body
    assert "javascript:" not in re.findall(r'href="([^"]*)"', body)


def test_the_preview_shows_the_formatting_and_stores_nothing():
    response = Client().post(PREVIEW, {"body": "**Bold** <b>not</b>"})

    assert response.status_code == 200
    assert response.content.decode() == (
        "<p><strong>Bold</strong> &lt;b&gt;not&lt;/b&gt;</p>"
    )
    assert "no-cache" in response["Cache-Control"]
    assert not Comment.objects.exists()


def test_a_preview_of_a_comment_too_long_says_why(settings):
    settings.COMMENTS_MAX_LENGTH = 10

    response = Client().post(PREVIEW, {"body": "x" * 11})

    assert response.status_code == 400
    assert response.content.decode() == (
        "A comment can be at most 10 characters long; this one has 11. "
        "Please shorten it, or split it in two."
    )


def test_previews_asked_from_another_site_are_refused():
    response = Client().post(PREVIEW, {"body": "Hi"}, HTTP_SEC_FETCH_SITE="cross-site")

    assert response.status_code == 403


def test_previews_are_limited_per_network(settings):
    settings.COMMENTS_PREVIEW_LIMIT = 2
    statuses = [
        Client(REMOTE_ADDR=f"2001:db8:3::{n + 1}").post(PREVIEW, {"body": "Hi"})
        for n in range(3)
    ]

    assert [s.status_code for s in statuses] == [200, 200, 429]
    assert (
        Client(REMOTE_ADDR="198.51.100.3").post(PREVIEW, {"body": "Hi"}).status_code
        == 200
    )


def test_a_preview_must_be_posted():
    assert Client().get(PREVIEW).status_code == 405
