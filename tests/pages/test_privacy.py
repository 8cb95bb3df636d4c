"""The privacy notice states what the running site stores, from its settings."""

import re
from html import unescape

import pytest
from django.test import Client
from django.utils.html import strip_tags

pytestmark = pytest.mark.django_db


def notice():
    html = Client().get("/privacy/").text
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return " ".join(unescape(strip_tags(main)).split())


def test_the_notice_says_how_long_commenters_addresses_are_kept(settings):
    settings.COMMENTS_RETENTION_DAYS = 30
    assert "kept for 30 days to fight spam" in notice()

    settings.COMMENTS_RETENTION_DAYS = 7
    text = notice()
    assert "kept for 7 days to fight spam" in text
    assert "deleted after the same 7 days" in text
    assert "kept for 30 days" not in text


def test_the_notice_follows_the_sign_in_settings(settings):
    settings.SESSION_COOKIE_AGE = 8 * 60 * 60
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = 2

    text = notice()

    assert "after 8 hours at most" in text
    assert "After 3 failed sign-ins" in text
    assert "kept with their address for 2 hours" in text

    settings.AXES_COOLOFF_TIME = None
    assert "kept with their address until an owner lifts the lockout" in notice()


def test_the_notice_names_the_logged_fields_cookies_and_how_to_get_a_copy():
    text = notice()

    assert "a request id and the method, the path (without its query string" in text
    assert "Your IP address is never logged" in text
    assert "comment_author" in text and "own_comments" in text
    # Readers are told what to ask for, not the owners' commands.
    assert "ask the people who run the site for a copy" in text


def test_the_notice_says_when_unconfirmed_email_sign_ups_are_deleted():
    from subscriptions.models import TOKEN_LIFETIME

    hours = TOKEN_LIFETIME.total_seconds() // 3600

    assert (
        f"A sign-up you do not confirm is deleted after {hours:.0f} hours" in notice()
    )


def test_the_footer_links_the_notice_on_every_page(client):
    html = client.get("/no-such-page/").text

    assert '<a href="/privacy/">Privacy</a>: what the site stores' in html


def test_the_notice_tells_commenters_of_confirmation_reply_mails_and_their_page(
    settings,
):
    settings.COMMENTS_CONFIRM_HOURS = 24
    text = notice()
    assert "If you tick “Email me when someone replies”, the site first mails" in text
    assert "The link works once, for 24 hours" in text
    assert "comment_confirmed" in text and "comment_manager" in text
    assert "at most 5 confirmation or sign-in mails a day" in text
    assert "a link that works once, for 60 minutes" in text
    assert 'href="/comments/manage/"' in Client().get("/privacy/").text

    settings.COMMENTS_CONFIRM_EMAIL = True
    text = notice()
    assert "Before a comment goes to the moderators, the site mails you a link" in text
    assert "A comment never confirmed is deleted, with its link" in text


def test_the_notice_says_how_to_reach_the_people_who_run_the_site(settings):
    settings.SITE_CONTACT_EMAIL = "owners@example.org"

    text = notice()

    assert "Write to owners@example.org, or see the contact page." in text
    assert "manage.py" not in text
    contact = Client().get("/contact/")
    assert contact.status_code == 200
    assert 'href="mailto:owners@example.org"' in contact.text


def test_the_contact_page_ships_with_the_site_and_is_linked_from_every_page():
    home = Client().get("/").text

    assert '<a href="/contact/">Contact</a>' in home
