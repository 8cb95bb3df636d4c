"""The site's own pages take comments only when an editor ticks the switch;
then they are posted, moderated, counted and cached as on articles."""

import pytest
from django.test import Client

from comments.models import Comment, Status
from pages.models import Page
from tests.factories import CommentFactory, PageFactory

pytestmark = pytest.mark.django_db


def comments_url(page):
    return f"{page.get_absolute_url()}comments/"


def test_pages_take_no_comments_by_default(client, post_comment, comment_data):
    page = PageFactory()

    assert 'name="body"' not in client.get(page.get_absolute_url()).content.decode()
    response = client.post(comments_url(page), comment_data())
    assert response.status_code == 403 and b"no longer takes new comments" in (
        response.content
    )
    assert not Comment.objects.exists()


def test_an_editor_switches_comments_on_in_the_admin(editor_client):
    page = PageFactory(title="Colophon", slug="colophon")
    form = editor_client.get(f"/admin/pages/page/{page.pk}/change/").content.decode()
    assert 'name="comments_open"' in form

    Page.objects.filter(pk=page.pk).update(comments_open=True)

    html = Client().get("/colophon/").content.decode()
    assert 'action="/colophon/comments/#comment-errors"' in html


def test_a_comment_on_a_page_waits_for_moderation_and_its_author_sees_it(
    client, comment_data
):
    page = PageFactory(comments_open=True)

    response = client.post(comments_url(page), comment_data(body="On the page."))

    comment = Comment.objects.get()
    assert (comment.target, comment.status) == (page, Status.PENDING)
    assert response["Location"] == f"{page.get_absolute_url()}#comment-{comment.pk}"
    assert "On the page." in client.get(page.get_absolute_url()).content.decode()
    assert "On the page." not in Client().get(page.get_absolute_url()).content.decode()


def test_a_form_with_errors_comes_back_on_the_page(client, comment_data):
    page = PageFactory(comments_open=True, title="Colophon")

    response = client.post(comments_url(page), comment_data(email="not an address"))

    html = response.content.decode()
    assert response.status_code == 200 and "Please correct 1 problem" in html
    assert "<h1>Colophon</h1>" in html


def test_approving_publishes_and_counts_it_on_the_page(editor_client, client):
    page = PageFactory(comments_open=True)
    held = CommentFactory(article=None, page=page, status=Status.PENDING, body="Yes.")

    editor_client.post(
        "/admin/comments/comment/",
        {"action": "approve", "_selected_action": [held.pk]},
    )

    page.refresh_from_db()
    assert page.comment_count == 1
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Yes." in html and "1 comment" in html


def test_replies_on_a_page_stay_on_it(client, comment_data):
    page = PageFactory(comments_open=True)
    other = PageFactory(comments_open=True)
    parent = CommentFactory(article=None, page=page)

    wrong = client.post(comments_url(other), comment_data(parent=parent.pk))
    right = client.post(comments_url(page), comment_data(parent=parent.pk))

    assert b"no longer available" in wrong.content
    assert (
        right.status_code == 302 and Comment.objects.get(parent=parent).target == page
    )


def test_switching_off_closes_the_form_and_keeps_published_comments(
    client, comment_data
):
    page = PageFactory(comments_open=False)
    CommentFactory(article=None, page=page, body="Said before.")
    Page.objects.filter(pk=page.pk).update(comment_count=1)

    html = client.get(page.get_absolute_url()).content.decode()

    assert "Said before." in html and "Comments are closed here." in html
    assert client.post(comments_url(page), comment_data()).status_code == 403


def test_a_comment_is_always_on_one_article_or_page():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        CommentFactory(entry=None)


def test_an_approved_comment_purges_the_page_that_shows_it(settings):
    settings.PAGE_CACHE = True
    page = PageFactory(comments_open=True)
    url = page.get_absolute_url()
    xkey = Client().get(url)["xkey"]
    assert Client().get(url)["X-Page-Cache"] == "hit"

    comment = CommentFactory(article=None, page=page, body="Fresh words.")

    assert f"page-{page.pk}" in comment.purge_tags() & set(xkey.split())
    fresh = Client().get(url)
    assert fresh["X-Page-Cache"] == "miss" and "Fresh words." in fresh.content.decode()


def test_page_comments_have_their_own_pages_and_stay_out_of_the_comment_feeds(
    client, settings, read_feed
):
    settings.COMMENTS_PER_PAGE = 1
    page = PageFactory(comments_open=True, title="Colophon")
    first = CommentFactory(article=None, page=page, body="First words.")
    second = CommentFactory(article=None, page=page, body="Second words.")

    assert second.get_absolute_url() == (
        f"{comments_url(page)}?page=2#comment-{second.pk}"
    )
    listing = client.get(comments_url(page), {"page": 2}).content.decode()
    assert "Second words." in listing and "First words." not in listing
    _, feed = read_feed("/feeds/comments/rss/")
    assert first.body not in str(feed.entries)


def test_mail_about_a_page_comment_names_the_page(
    comment_data, run_worker, smtp_server, django_capture_on_commit_callbacks
):
    page = PageFactory(comments_open=True, title="Colophon")
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(comments_url(page), comment_data(notify="on"))
    run_worker()

    [message] = smtp_server.messages
    assert "commented on “Colophon”" in message.get_payload(decode=True).decode()
