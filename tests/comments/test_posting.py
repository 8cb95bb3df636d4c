"""A reader posts a comment: the form, its errors, and what they see after."""

import re

import pytest
from django.test import Client

from comments.conf import settings as comment_settings
from comments.models import Comment, Status
from tests.factories import ArticleFactory, CommentFactory, signed_seconds_ago

pytestmark = pytest.mark.django_db


def test_the_form_marks_required_fields_and_says_the_email_stays_private(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()

    assert "Your email is required but will not be published." in html
    for field, label in (("name", "Name"), ("email", "Email"), ("body", "Comment")):
        assert (
            f'<label for="id_{field}">{label} <span aria-hidden="true">*</span>' in html
        )
        assert re.search(rf'<(input|textarea)[^>]* required [^>]*id="id_{field}"', html)
    assert '<label for="id_website">Website</label>' in html
    assert 'type="checkbox" name="remember"' in html
    assert 'name="remember" id="id_remember" checked' not in html


def test_a_new_comment_awaits_moderation_and_only_its_author_sees_it(
    client, post_comment
):
    article = ArticleFactory()

    response = post_comment(article, body="My very first comment.")

    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    own_view = client.get(article.get_absolute_url()).content.decode()
    assert "My very first comment." in own_view
    assert "Your comment is awaiting moderation." in own_view
    assert (
        "My very first comment."
        not in Client().get(article.get_absolute_url()).content.decode()
    )


def test_the_comment_stores_address_and_agent_for_moderation(post_comment):
    post_comment(ArticleFactory(), using=Client(HTTP_USER_AGENT="TestBrowser/1.0"))

    comment = Comment.objects.get()
    assert comment.ip_address == "127.0.0.1"
    assert comment.user_agent == "TestBrowser/1.0"


def test_an_approved_comment_is_visible_to_everyone(client, post_comment):
    article = ArticleFactory()
    post_comment(article, body="Worth reading.")
    Comment.objects.update(status=Status.APPROVED)

    html = Client().get(article.get_absolute_url()).content.decode()

    assert "Worth reading." in html and "Ada Reader" in html
    assert "awaiting moderation" not in html


def test_errors_sit_next_to_fields_with_a_summary_and_the_text_is_kept(post_comment):
    article = ArticleFactory()

    response = post_comment(article, name="", email="not-an-email", body="Keep me.")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and "Please correct 2 problems" in html
    assert 'id="id_name-error"' in html and 'id="id_email-error"' in html
    assert "Keep me.</textarea>" in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "ftp://example.com/file", "data:text/html,x"]
)
def test_only_http_and_https_websites_are_accepted(post_comment, website):
    response = post_comment(ArticleFactory(), website=website)

    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_have_a_length_limit(post_comment, settings):
    settings.COMMENTS_MAX_LENGTH = 100

    response = post_comment(ArticleFactory(), body="x" * 101)

    assert "at most 100 characters" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_form_left_open_too_long_asks_to_send_again_and_keeps_the_text(
    post_comment, settings
):
    response = post_comment(
        ArticleFactory(),
        body="Written slowly.",
        timestamp=signed_seconds_ago(comment_settings.COMMENTS_FORM_MAX_AGE + 60),
    )

    html = response.content.decode()
    assert "This form was open too long." in html
    assert "Written slowly.</textarea>" in html
    assert not Comment.objects.exists()


def test_sending_again_at_once_after_an_error_is_not_too_fast(post_comment, settings):
    article = ArticleFactory()
    sent_back = post_comment(
        article,
        body="Written slowly.",
        timestamp=signed_seconds_ago(comment_settings.COMMENTS_FORM_MAX_AGE + 60),
    ).content.decode()
    fresh = re.search(r'name="timestamp" value="([^"]+)"', sent_back).group(1)

    response = post_comment(article, body="Written slowly.", timestamp=fresh)

    assert response.status_code == 302
    assert Comment.objects.get().status == Status.PENDING


def test_a_form_sent_back_with_errors_brings_the_reader_to_the_error_summary(
    post_comment,
):
    html = post_comment(ArticleFactory(), email="not an email").content.decode()

    assert re.search(r'<form method="post" action="[^"#]*#comment-errors"', html)
    assert re.search(
        r'<div class="error-summary"[^>]* id="comment-errors" autofocus', html
    )


@pytest.mark.parametrize("website", ["not a site", "https://a\x00b.example"])
def test_a_bad_website_gets_one_clear_error(post_comment, website):
    html = post_comment(ArticleFactory(), website=website).content.decode()

    summary = html.split('id="comment-errors"', 1)[1].split("</ul>", 1)[0]
    assert summary.count("<li>") == 1
    assert "Website: Enter a valid URL." in summary


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
    ],
)
def test_a_comment_sent_from_another_site_is_refused(comment_data, headers):
    article = ArticleFactory()

    response = Client().post(
        f"{article.get_absolute_url()}comments/", comment_data(), **headers
    )

    assert response.status_code == 403
    assert "Sent from another site" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://testserver"},
        {},  # not a browser: no cookies ride on it; the signed stamp still counts
    ],
)
def test_a_comment_sent_from_this_sites_page_is_accepted(comment_data, headers):
    article = ArticleFactory()

    response = Client(enforce_csrf_checks=True).post(
        f"{article.get_absolute_url()}comments/", comment_data(), **headers
    )

    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_comments_on_unpublished_articles_are_refused(post_comment):
    from publishing.models import Status as ArticleStatus

    assert post_comment(ArticleFactory(status=ArticleStatus.DRAFT)).status_code == 404


def test_remember_me_stores_details_only_when_ticked(client, post_comment):
    article = ArticleFactory()

    post_comment(article)
    assert (
        'value="Ada Reader"'
        not in client.get(article.get_absolute_url()).content.decode()
    )

    post_comment(article, body="Second.", remember="on")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'value="Ada Reader"' in html and 'value="ada@example.net"' in html
    assert client.cookies["comment_author"]["httponly"]

    post_comment(article, body="Third.")
    assert client.cookies["comment_author"].value == ""


def test_commenters_html_is_never_rendered_and_links_are_nofollow(client):
    comment = CommentFactory(
        body="<script>alert(1)</script> <b>bold</b> see https://example.org/page\n\nNext."
    )

    html = client.get(comment.target.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html and "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert '<a href="https://example.org/page" rel="nofollow ugc noopener">' in html
    assert "<p>Next.</p>" in html


def test_avatars_are_initials(client):
    comment = CommentFactory(name="Grace Hopper")

    html = client.get(comment.target.get_absolute_url()).content.decode()

    assert '<span class="avatar" aria-hidden="true">GH</span>' in html


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("Eve\u202etxet desrever", "U+202E"),
        ("Eve\r\nSee https://evil.example", "U+000D, U+000A"),
        ("Eve\u2028Bcc", "U+2028"),
        ("Ev\u200be", "U+200B"),
    ],
)
def test_a_name_with_line_breaks_or_hidden_characters_is_refused(
    post_comment, name, found
):
    response = post_comment(ArticleFactory(), name=name)

    assert response.status_code == 200
    html = response.content.decode()
    assert "A name cannot contain line breaks or invisible formatting" in html
    assert f"this one has {found}." in html
    assert not Comment.objects.exists()


def test_joiners_that_scripts_need_are_welcome_in_names(post_comment):
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    family = "Ada \U0001f469\u200d\U0001f467"

    for name in (persian, family):
        post_comment(ArticleFactory(), name=name, body=f"From {name}")

    assert sorted(Comment.objects.values_list("name", flat=True)) == sorted(
        [persian, family]
    )


def test_a_name_that_came_in_otherwise_is_stored_on_one_line(editor_client):
    comment = CommentFactory(name="Eve\r\nReview: https://evil.example\u202e")

    assert comment.name == "Eve Review: https://evil.example"


def test_hidden_characters_in_a_comment_are_shown_as_what_they_are(client):
    comment = CommentFactory(body="Price: \u202e001$ \u200bfree, caf\u00e9 \u200d ok")

    html = client.get(comment.target.get_absolute_url()).content.decode()

    assert "Price: [U+202E]001$ [U+200B]free, caf\u00e9 \u200d ok" in html
    assert "\u202e" not in html


def test_a_name_of_nothing_but_spaces_is_no_name(post_comment):
    response = post_comment(ArticleFactory(), name="   ")

    assert response.status_code == 200
    assert "Name: This field is required." in response.content.decode()
    assert not Comment.objects.exists()


def test_the_box_never_cuts_a_long_comment_and_tells_the_script_the_limit(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()

    [box] = re.findall(r"<textarea[^>]*>", html)
    assert "maxlength" not in box and 'data-limit="5000"' in box


def test_a_comment_over_the_limit_comes_back_with_its_length_and_all_its_text(
    post_comment,
):
    text = "word " * 1000 + "end"

    html = post_comment(ArticleFactory(), body=text).content.decode()

    assert "A comment can be at most 5,000 characters long; this one has 5,003." in (
        html
    )
    assert f"{text}</textarea>" in html
    assert not Comment.objects.exists()


def test_a_line_break_counts_as_one_character(post_comment, settings):
    settings.COMMENTS_MAX_LENGTH = 9

    response = post_comment(ArticleFactory(), body="abcd\r\nefgh")

    assert response.status_code == 302
    assert Comment.objects.get().body == "abcd\nefgh"
