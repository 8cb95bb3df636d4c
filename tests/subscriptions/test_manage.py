"""A subscriber changes how often mail comes from the link in every mail,
and the confirmation says which address it confirmed."""

import pytest

from subscriptions.models import Frequency, Subscriber
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_the_confirmation_page_names_the_address_it_confirmed(confirm_link, client):
    page = client.post(confirm_link("ada@example.net", frequency="weekly"))

    assert page.status_code == 200
    assert "ada@example.net</strong> will get a weekly digest" in page.text


def test_a_subscriber_switches_to_a_weekly_digest_from_the_mailed_link(client):
    reader = SubscriberFactory(email="ada@example.net", frequency=Frequency.EACH)

    form = client.get(reader.manage_url())
    assert form.status_code == 200
    assert "ada@example.net</strong> gets each new article" in form.text
    assert form["Cache-Control"].startswith("max-age=0")

    saved = client.post(reader.manage_url(), {"frequency": "weekly"})
    assert "now gets a weekly digest" in saved.text
    assert Subscriber.objects.get().frequency == Frequency.WEEKLY


def test_the_page_offers_to_unsubscribe_as_well(client):
    reader = SubscriberFactory()

    page = client.get(reader.manage_url())

    assert f'action="{reader.unsubscribe_url()}"' in page.text


def test_a_link_that_is_not_the_subscribers_own_opens_nothing(client):
    reader = SubscriberFactory(frequency=Frequency.EACH)
    forged = reader.manage_url().replace(f"/{reader.pk}/", f"/{reader.pk + 1}/")

    assert client.get(forged).status_code == 404
    assert client.post(forged, {"frequency": "weekly"}).status_code == 404
    assert client.get(f"/subscribe/{reader.pk}/not-a-token/").status_code == 404
    assert Subscriber.objects.get().frequency == Frequency.EACH


def test_a_frequency_that_does_not_exist_is_a_form_error(client):
    reader = SubscriberFactory(frequency=Frequency.EACH)

    page = client.post(reader.manage_url(), {"frequency": "hourly"})

    assert page.status_code == 200
    assert "Select a valid choice" in page.text
    assert Subscriber.objects.get().frequency == Frequency.EACH


def test_another_site_cannot_change_the_frequency(client):
    reader = SubscriberFactory(frequency=Frequency.EACH)

    answer = client.post(
        reader.manage_url(),
        {"frequency": "weekly"},
        headers={"Origin": "https://elsewhere.example"},
    )

    assert answer.status_code == 403
    assert Subscriber.objects.get().frequency == Frequency.EACH
