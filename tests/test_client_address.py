"""The reader's address is read in one place, whatever a proxy sends."""

import pytest
from django.test import RequestFactory

from comments.models import Comment
from tests.factories import ArticleFactory
from web.client import client_ip

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("10.0.0.1, 203.0.113.7", "203.0.113.7"),
        ("203.0.113.7:51234", "203.0.113.7"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
        ("unknown", "192.0.2.1"),
        ("", "192.0.2.1"),
        ("203.0.113.7\x00", "192.0.2.1"),
    ],
)
def test_the_last_forwarded_address_wins_and_anything_else_falls_back_to_the_peer(
    settings, forwarded, expected
):
    settings.USE_X_FORWARDED_FOR = True
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="192.0.2.1"
    )

    assert client_ip(request) == expected


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("198.51.100.9, 203.0.113.7, 10.0.0.5", "203.0.113.7"),  # forged first
        ("203.0.113.7, 10.0.0.5", "203.0.113.7"),
        ("10.0.0.5", "192.0.2.1"),  # skipped a proxy: not to be trusted
    ],
)
def test_behind_two_proxies_the_address_the_first_one_saw_wins(
    settings, forwarded, expected
):
    settings.USE_X_FORWARDED_FOR = True
    settings.PROXY_COUNT = 2
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="192.0.2.1"
    )

    assert client_ip(request) == expected


def test_forwarded_addresses_are_ignored_unless_the_site_is_behind_a_proxy():
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="192.0.2.1"
    )

    assert client_ip(request) == "192.0.2.1"


@pytest.mark.parametrize("forwarded", ["unknown", "203.0.113.7:51234", "a, b, c"])
def test_a_comment_behind_a_proxy_with_an_odd_forwarded_header_is_stored(
    client, settings, comment_data, forwarded
):
    settings.USE_X_FORWARDED_FOR = True
    article = ArticleFactory()

    response = client.post(
        f"{article.get_absolute_url()}comments/",
        comment_data(),
        HTTP_X_FORWARDED_FOR=forwarded,
    )

    assert response.status_code == 302
    assert Comment.objects.get().ip_address in {"203.0.113.7", "127.0.0.1"}
