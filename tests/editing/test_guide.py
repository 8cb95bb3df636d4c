"""Editors find their guide where they look for help: the admin's dashboard
and its top bar open docs/editors.md, rendered like an article."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_and_every_admin_page_link_to_the_guide(editor_client):
    html = editor_client.get("/admin/").content.decode()

    assert '<a class="button" href="/admin/editing/help/">Help: writing' in html
    assert '<a href="/admin/editing/help/">Help</a>' in html


def test_the_guide_reads_as_the_file_says(editor_client):
    page = editor_client.get("/admin/editing/help/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>Writing, images and comments" in html
    assert ">Writing in the admin</h2>" in html
    assert "<table>" in html  # who sees what, as a table


def test_a_moderator_without_writing_rights_finds_it_too():
    moderator = UserFactory(is_staff=True)
    client = Client()
    client.force_login(moderator)

    assert client.get("/admin/editing/help/").status_code == 200


def test_readers_are_sent_to_sign_in():
    answer = Client().get("/admin/editing/help/")

    assert answer.status_code == 302
    assert answer["Location"].startswith("/admin/login/")
