"""Who else has an article or page open, and taking it over."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.factories import ArticleFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db


def presence(browser, article):
    return browser.post(f"/admin/editing/entries/{article.entry_id}/presence/").json()


@pytest.fixture
def ana():
    browser = Client()
    browser.force_login(UserFactory(is_staff=True, is_superuser=True, first_name="Ana"))
    return browser


def test_an_editor_sees_who_else_has_the_article_open_and_for_how_long(
    editor_client, ana
):
    article = ArticleFactory()
    start = timezone.now()
    for seconds in range(0, 121, 20):  # Ana's page calls in every 20 seconds
        with time_machine.travel(start + timedelta(seconds=seconds), tick=False):
            presence(ana, article)
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        answer = presence(editor_client, article)

    assert answer == {
        "others": ["Ana has had this open for 2\xa0minutes"],
        "taken_over_by": None,
    }


def test_a_form_opened_less_than_a_minute_ago_was_opened_just_now(editor_client, ana):
    article = ArticleFactory()
    presence(ana, article)

    assert presence(editor_client, article)["others"] == ["Ana opened this just now"]


def test_a_page_shows_who_has_it_open_too(editor_client, ana):
    page = PageFactory()
    presence(ana, page)

    assert presence(editor_client, page)["others"] == ["Ana opened this just now"]


def test_a_form_that_stopped_calling_in_has_been_closed(editor_client, ana):
    article = ArticleFactory()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        presence(ana, article)
    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        assert presence(editor_client, article)["others"] == []


def test_leaving_the_form_says_so_at_once(editor_client, ana):
    article = ArticleFactory()
    presence(ana, article)

    ana.post(f"/admin/editing/entries/{article.entry_id}/leave/")

    assert presence(editor_client, article)["others"] == []


def test_taking_over_tells_the_other_editor(editor_client, editor, ana):
    article = ArticleFactory()
    presence(ana, article)
    presence(editor_client, article)

    taken = editor_client.post(f"/admin/editing/entries/{article.entry_id}/take-over/")

    assert taken.status_code == 200
    assert presence(ana, article)["taken_over_by"] == editor.username
    assert presence(editor_client, article)["others"] == []


def test_presence_is_for_staff_who_may_edit(client):
    article = ArticleFactory()
    client.force_login(UserFactory(is_staff=True))

    answer = client.post(f"/admin/editing/entries/{article.entry_id}/presence/")

    assert answer.status_code == 403
