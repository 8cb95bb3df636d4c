"""Anonymous pages come from the shared cache, and are fresh at every change."""

import gzip
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
from django.utils import timezone

from articles.spelling import refresh_vocabulary
from comments.models import Comment
from publishing.models import Status
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def fetch(path, **headers):
    return Client().get(path, **headers)


def test_a_second_anonymous_request_is_served_from_the_cache(
    django_assert_max_num_queries,
):
    article = ArticleFactory(title="Cached words")
    assert fetch(article.get_absolute_url())["X-Page-Cache"] == "miss"

    with django_assert_max_num_queries(1):  # the generation and the page at once
        response = fetch(article.get_absolute_url())

    assert response["X-Page-Cache"] == "hit"
    assert "Cached words" in response.content.decode()


def test_an_edit_shows_on_the_very_next_request():
    article = ArticleFactory(title="Before the edit")
    fetch(article.get_absolute_url())
    fetch("/")

    article.title = "After the edit"
    article.save()

    assert "After the edit" in fetch(article.get_absolute_url()).content.decode()
    assert "After the edit" in fetch("/").content.decode()


def test_a_comment_approved_in_bulk_shows_on_the_very_next_request(editor_client):
    comment = CommentFactory(status="pending", body="Waiting words.")
    url = comment.target.get_absolute_url()
    assert "Waiting words." not in fetch(url).content.decode()

    editor_client.post(
        "/admin/comments/comment/",
        {"action": "approve", "_selected_action": [comment.pk]},
    )

    assert "Waiting words." in fetch(url).content.decode()


def test_a_comment_nobody_sees_yet_leaves_cached_pages_in_place(post_comment):
    article = ArticleFactory()
    url = article.get_absolute_url()
    fetch(url)

    post_comment(article, body="Held for a moderator.")  # a first comment: held
    held = Comment.objects.get()
    assert fetch(url)["X-Page-Cache"] == "hit"

    held.status = "approved"
    held.save()
    fresh = fetch(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Held for a moderator." in fresh.content.decode()
    assert "1 comment" in fresh.content.decode()


def test_the_hourly_count_of_the_search_vocabulary_leaves_cached_pages_in_place():
    """It rewrites every word the articles use; their own saves renew pages."""
    article = ArticleFactory(title="Counted words")
    refresh_vocabulary.call()
    fetch(article.get_absolute_url())

    refresh_vocabulary.call()

    assert fetch(article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_scheduled_article_appears_the_moment_it_goes_live():
    ArticleFactory(title="Already here")
    live_at = timezone.now() + timedelta(hours=1)
    ArticleFactory(title="Scheduled piece", published_at=live_at)
    assert "Scheduled piece" not in fetch("/").content.decode()
    assert fetch("/")["X-Page-Cache"] == "hit"

    with time_machine.travel(live_at + timedelta(seconds=1)):
        assert "Scheduled piece" in fetch("/").content.decode()


def test_a_new_site_address_never_serves_pages_cached_under_the_old_one(settings):
    fetch("/")
    settings.SITE_URL = "https://www.example.net"

    response = fetch("/", HTTP_HOST="127.0.0.1")

    assert response["X-Page-Cache"] == "miss"
    assert "https://www.example.net/" in response.content.decode()


def test_a_release_with_new_static_files_never_serves_pages_naming_the_old(
    monkeypatch,
):
    fetch("/")
    assert fetch("/")["X-Page-Cache"] == "hit"

    monkeypatch.setattr(staticfiles_storage, "manifest_hash", "a-new-release")

    assert fetch("/")["X-Page-Cache"] == "miss"


def test_a_restart_with_new_settings_never_serves_pages_naming_the_old(settings):
    assert "30 days" in fetch("/privacy/").content.decode()
    assert fetch("/privacy/")["X-Page-Cache"] == "hit"

    settings.COMMENTS_RETENTION_DAYS = 90
    response = fetch("/privacy/")

    assert response["X-Page-Cache"] == "miss"
    assert "90 days" in response.content.decode()


def test_every_worker_stores_pages_under_the_same_settings():
    """Each process fingerprints the settings alike, or no worker would ever
    find a page another one stored."""
    script = "from pagecache.keys import _settings_digest as d; print(d())"
    digests = {
        subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "shell", "-c", script],
            capture_output=True, text=True, check=True,
        ).stdout
        for _ in range(2)
    }  # fmt: skip

    assert len(digests) == 1


def test_readers_with_cookies_always_get_their_own_page(client, post_comment):
    article = ArticleFactory()
    fetch(article.get_absolute_url())

    post_comment(article, body="My pending words.")  # sets the own-comments cookie
    mine = client.get(article.get_absolute_url())

    assert "X-Page-Cache" not in mine
    assert "My pending words." in mine.content.decode()
    assert "My pending words." not in fetch(article.get_absolute_url()).content.decode()


def test_staff_pages_and_previews_are_never_stored(editor_client):
    article = ArticleFactory(status=Status.DRAFT)
    link = article.preview_links.create()

    editor_client.get("/")
    first = fetch(link.get_absolute_url())
    second = fetch(link.get_absolute_url())

    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert "no-store" in second["Cache-Control"]
    assert fetch("/")["X-Page-Cache"] == "miss"  # staff's page was not stored


def test_a_comment_form_sent_back_with_errors_is_not_stored(post_comment):
    article = ArticleFactory()
    post_comment(article, email="not an email", body="Typed with care.")

    assert "Typed with care." not in fetch(article.get_absolute_url()).content.decode()


def test_the_comment_form_on_a_cached_page_carries_no_token_and_works():
    article = ArticleFactory()
    fetch(article.get_absolute_url())
    page = fetch(article.get_absolute_url()).content.decode()
    assert "csrfmiddlewaretoken" not in page

    stamp = page.split('name="timestamp" value="', 1)[1].split('"', 1)[0]
    with time_machine.travel(timezone.now() + timedelta(seconds=20)):
        response = Client(enforce_csrf_checks=True).post(
            f"{article.get_absolute_url()}comments/",
            {
                "name": "Ada",
                "email": "ada@example.net",
                "body": "From a cached page.",
                "timestamp": stamp,
            },
            HTTP_SEC_FETCH_SITE="same-origin",
        )

    assert response.status_code == 302
    assert Comment.objects.get().body == "From a cached page."


def test_pages_revalidate_with_an_etag_and_answer_304():
    article = ArticleFactory()
    etag = fetch(article.get_absolute_url())["ETag"]

    again = fetch(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    zipped = fetch(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    zipped_again = fetch(
        article.get_absolute_url(),
        HTTP_ACCEPT_ENCODING="gzip",
        HTTP_IF_NONE_MATCH=zipped["ETag"],
    )

    assert again.status_code == 304
    assert zipped["X-Page-Cache"] == "hit" and zipped["ETag"] == f"W/{etag}"
    assert zipped_again.status_code == 304
    assert (
        fetch(
            "/feeds/rss/", HTTP_IF_NONE_MATCH=fetch("/feeds/rss/")["ETag"]
        ).status_code
        == 304
    )


def test_public_pages_may_be_kept_by_a_shared_cache_for_a_short_while(settings):
    response = fetch("/")

    assert response["Cache-Control"] == (
        "public, max-age=0, s-maxage=60, stale-while-revalidate=60"
    )


def test_pages_feeds_and_sitemaps_are_compressed_for_clients_that_accept_it():
    # Long enough that gzip, with the random padding Django adds against
    # BREACH, always comes out smaller than the original.
    ArticleFactory.create_batch(5)
    for path in ("/", "/feeds/rss/", "/sitemap.xml", "/llms.txt"):
        response = fetch(path, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip", path
        assert gzip.decompress(response.content)


def test_the_sitemap_drops_a_withdrawn_article_at_once():
    article = ArticleFactory(slug="soon-gone")
    assert "soon-gone" in fetch("/sitemap-articles.xml").content.decode()

    article.status = Status.DRAFT
    article.save()

    assert "soon-gone" not in fetch("/sitemap-articles.xml").content.decode()


def test_a_response_that_sets_a_cookie_is_neither_stored_nor_offered_to_a_cdn(rf):
    from django.http import HttpResponse

    from pagecache.middleware import PageCacheMiddleware

    def sets_a_cookie(request):
        response = HttpResponse("Personal")
        response.set_cookie("chosen", "yes")
        return response

    response = PageCacheMiddleware(sets_a_cookie)(rf.get("/", HTTP_HOST="127.0.0.1"))

    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"
