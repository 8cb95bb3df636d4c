"""Double opt-in: a mail from the worker, a button that confirms, no leaks."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from subscriptions.models import SignUpLink, Subscriber
from tests.factories import SubscriberFactory
from tests.subscriptions.conftest import body, links

pytestmark = pytest.mark.django_db


def test_the_form_has_labelled_fields_and_works_without_javascript(client):
    html = client.get("/subscribe/").content.decode()

    assert '<label for="id_email">Your email address</label>' in html
    assert "<legend>How often</legend>" in html
    assert '<label for="id_frequency_1">A weekly digest</label>' in html
    scripts = re.findall(r"<script[^>]*>", html)
    # The counting script (analytics/) reports the view; the form needs none.
    scripts = [script for script in scripts if "data-count=" not in script]
    assert scripts == ['<script type="application/ld+json">']  # data, not code


def test_the_footer_links_to_the_form(client):
    assert b'href="/subscribe/"' in client.get("/").content


def test_sign_up_mails_a_link_whose_get_confirms_nothing_and_post_confirms(
    sign_up, run_worker, smtp_server
):
    response = sign_up("Ada@Example.net")
    assert smtp_server.messages == []  # sent by the worker, not the request
    assert b"Check your inbox" in response.content

    run_worker()
    [message] = smtp_server.messages
    assert message["To"] == "ada@example.net"
    [link] = links(message)
    path = urlsplit(link).path

    page = Client().get(path)
    assert page.status_code == 200 and b"Confirm my subscription" in page.content
    assert Subscriber.objects.get().confirmed_at is None

    assert Client().post(path).status_code == 200
    assert Subscriber.objects.get().confirmed_at is not None


def test_only_a_hash_of_the_token_is_stored(confirm_link):
    path = confirm_link("ada@example.net")
    token = path.rstrip("/").rsplit("/", 1)[1]

    stored = SignUpLink.objects.get().token_hash
    assert stored and token not in stored


def test_a_confirmation_link_works_once(confirm_link):
    path = confirm_link("ada@example.net")

    assert Client().post(path).status_code == 200
    again = Client().post(path)
    assert again.status_code == 410 and b"no longer works" in again.content


def test_a_confirmation_link_expires_after_48_hours(confirm_link):
    path = confirm_link("ada@example.net")

    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        assert Client().get(path).status_code == 410
        assert Client().post(path).status_code == 410
    assert Subscriber.objects.get().confirmed_at is None


def test_a_new_sign_up_replaces_the_earlier_link(confirm_link, smtp_server):
    first = confirm_link("ada@example.net")
    second = confirm_link("ada@example.net")

    assert first != second
    assert Client().post(first).status_code == 410
    assert Client().post(second).status_code == 200


def test_the_answer_is_the_same_for_known_and_unknown_addresses(
    sign_up, run_worker, smtp_server
):
    SubscriberFactory(email="known@example.net")

    known = sign_up("known@example.net", ip="198.51.100.1")
    unknown = sign_up("unknown@example.net", ip="198.51.100.1")

    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    assert "known@example.net" not in known.content.decode()
    run_worker()
    notes = {m["To"]: body(m) for m in smtp_server.messages}
    assert "already gets each new article" in notes["known@example.net"]
    assert "/subscribe/confirm/" not in notes["known@example.net"]
    assert "/subscribe/confirm/" in notes["unknown@example.net"]


def test_one_address_gets_at_most_three_sign_up_mails_a_day(
    sign_up, run_worker, smtp_server
):
    statuses = [
        sign_up("victim@example.net", ip=f"198.51.100.{n}").status_code
        for n in range(5)
    ]
    run_worker()

    assert statuses == [200, 200, 200, 429, 429]
    assert len(smtp_server.messages) == 3


def test_spellings_of_one_mailbox_share_its_three_mails(
    sign_up, run_worker, smtp_server
):
    spellings = ["victim@example.net", "victim+a@example.net", '"victim"@example.net']
    for n, email in enumerate([*spellings, "Victim+b@Example.net"]):
        sign_up(email, ip=f"198.51.100.{n}")
    run_worker()

    assert len(smtp_server.messages) == 3


def test_one_ipv6_network_may_sign_up_ten_addresses_an_hour(sign_up):
    statuses = [
        sign_up(f"r{n}@example.net", ip=f"2001:db8:9::{n + 1:x}").status_code
        for n in range(11)
    ]

    assert statuses == [200] * 10 + [429]


def test_one_ip_address_may_sign_up_ten_addresses_an_hour(sign_up):
    statuses = [sign_up(f"r{n}@example.net").status_code for n in range(11)]

    assert statuses == [200] * 10 + [429]
    refused = sign_up("another@example.net")
    assert b"Too many sign-ups" in refused.content
    assert not Subscriber.objects.filter(email="another@example.net").exists()


def test_a_sign_up_sent_from_another_site_is_refused(client):
    response = client.post(
        "/subscribe/",
        {"email": "ada@example.net", "frequency": "each"},
        HTTP_SEC_FETCH_SITE="cross-site",
    )

    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_a_malformed_address_is_answered_with_the_form_and_its_error(client):
    response = client.post("/subscribe/", {"email": "not an address"})

    assert response.status_code == 200
    assert b"Enter a valid email address." in response.content
    assert not Subscriber.objects.exists()
