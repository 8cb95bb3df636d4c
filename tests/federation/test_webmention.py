"""Webmention: pages that link to an article become moderated mentions
under it; the site tells the pages its articles link to."""

from urllib.parse import parse_qs

import pytest

from comments.models import Comment, Source, Status
from federation.models import Webmention
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def page(links_to, title="A post & more"):
    body = (
        f'<html><head><title>{title}</title></head><body><div class="h-card">'
        f'<span class="p-name">Dee Writer</span></div>'
        f'<p>See <a href="{links_to}">this</a>.</p></body></html>'
    )
    return 200, {"Content-Type": "text/html"}, body.encode()


@pytest.fixture
def article():
    return ArticleFactory(title="On caching")


def mention(client, source, article):
    target = f"http://testserver{article.get_absolute_url()}"
    return client.post("/webmention/", {"source": source, "target": target})


def test_a_mention_that_links_to_the_article_is_held_for_moderation(
    client, fediverse, article, work
):
    fediverse.pages["/post"] = page(f"http://testserver{article.get_absolute_url()}")
    response = mention(client, f"{fediverse.base}/post", article)
    assert response.status_code == 202
    work()
    comment = Comment.objects.get()
    assert (comment.source, comment.status) == (Source.WEBMENTION, Status.PENDING)
    assert comment.name == "Dee Writer"
    assert "A post & more" in comment.body
    comment.status = Status.APPROVED
    comment.save()
    shown = client.get(article.get_absolute_url()).content.decode()
    assert "mentioned on their site" in shown
    assert f'href="{fediverse.base}/post"' in shown


def test_a_mention_whose_page_does_not_link_is_refused(
    client, fediverse, article, work
):
    fediverse.pages["/post"] = page("http://testserver/elsewhere/")
    mention(client, f"{fediverse.base}/post", article)
    work()
    assert not Comment.objects.exists()
    assert Webmention.objects.get().status == Webmention.Status.REFUSED


def test_a_mention_whose_page_went_away_is_removed(client, fediverse, article, work):
    fediverse.pages["/post"] = page(f"http://testserver{article.get_absolute_url()}")
    mention(client, f"{fediverse.base}/post", article)
    work()
    fediverse.pages["/post"] = (410, {}, b"")
    mention(client, f"{fediverse.base}/post", article)
    work()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("ftp://x.example/", "http://testserver/articles/a/"),
        ("http://x.example/", "http://elsewhere.example/articles/a/"),
        ("http://testserver/articles/a/", "http://testserver/articles/a/"),
        ("http://x.example/", "http://testserver/no-such-page/"),
    ],
)
def test_mentions_of_nothing_here_are_400(client, fediverse, source, target):
    ArticleFactory(slug="a")
    response = client.post("/webmention/", {"source": source, "target": target})
    assert response.status_code == 400


def test_a_private_address_is_never_fetched(client, article, work, settings):
    settings.SITE_URL = "http://testserver"
    mention(client, "http://10.0.0.5/post", article)
    work()
    assert not Comment.objects.exists()
    assert Webmention.objects.get().checked_at is None


def test_publishing_sends_webmentions_to_pages_that_take_them(
    fediverse, committed, work
):
    endpoint = f"{fediverse.base}/webmention?via=link"
    fediverse.pages["/by-header"] = (
        200, {"Link": f'<{endpoint}>; rel="webmention"'}, b"<p>Hi</p>",
    )  # fmt: skip
    fediverse.pages["/by-html"] = (
        200, {"Content-Type": "text/html"},
        b'<html><head><link rel="webmention" href="/wm"></head></html>',
    )  # fmt: skip
    fediverse.pages["/no-endpoint"] = (200, {"Content-Type": "text/html"}, b"<p>")
    links = "".join(
        f"[{p}]({fediverse.base}/{p}) " for p in ("by-header", "by-html", "no-endpoint")
    )
    with committed():
        article = ArticleFactory(body=f"Links: {links}\n")
    work()
    sent = {path: parse_qs(body.decode()) for path, _, body in fediverse.received}
    source = [f"http://testserver{article.get_absolute_url()}"]
    assert sent == {
        "/webmention?via=link": {
            "source": source, "target": [f"{fediverse.base}/by-header"],
        },
        "/wm": {"source": source, "target": [f"{fediverse.base}/by-html"]},
    }  # fmt: skip
