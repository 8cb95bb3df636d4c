"""Staff add an authenticator app to their sign-in; an owner can require it."""

import re
import time

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from publishing.models import Status
from tests.factories import ArticleFactory, PageFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long pass phrase"  # every test account's, from UserFactory


def code(device):
    return f"{totp(device.bin_key):06d}"


def signed_in(user):
    """A browser of its own that has just given the password."""
    client = Client()
    client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD}
    )
    return client


@pytest.fixture
def paired(editor):
    return TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)


def test_without_an_authenticator_the_password_opens_the_admin(editor):
    assert signed_in(editor).get(reverse("admin:index")).status_code == 200


def test_an_editor_pairs_an_app_and_keeps_ten_backup_codes(editor_client, editor):
    page = editor_client.get(reverse("twofactor:setup"))
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert re.search(r"<code>[A-Z2-7]{32}</code>", html)  # the key, to type in

    done = editor_client.post(reverse("twofactor:setup"), {"code": code(device)})

    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert editor_client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_while_pairing_says_so_and_pairs_nothing(editor_client, editor):
    editor_client.get(reverse("twofactor:setup"))

    page = editor_client.post(reverse("twofactor:setup"), {"code": "000000"})

    assert "That code did not match" in page.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_once_paired_the_admin_asks_for_a_code_after_the_password(editor, paired):
    browser = signed_in(editor)

    asked = browser.get(reverse("admin:comments_comment_changelist"))
    assert asked.status_code == 302
    assert asked["Location"].startswith(reverse("twofactor:verify"))
    answered = browser.post(asked["Location"], {"code": code(paired)})

    assert answered["Location"] == reverse("admin:comments_comment_changelist")
    assert browser.get(answered["Location"]).status_code == 200


def test_guessing_codes_is_slowed_down(editor, paired):
    browser = signed_in(editor)
    browser.post(reverse("twofactor:verify"), {"code": "000000"})

    too_soon = browser.post(reverse("twofactor:verify"), {"code": code(paired)})

    assert "That code did not match" in too_soon.content.decode()
    with time_machine.travel(time.time() + 5):
        later = browser.post(reverse("twofactor:verify"), {"code": code(paired)})
    assert later.status_code == 302


def test_a_backup_code_signs_in_once(editor_client, editor):
    editor_client.get(reverse("twofactor:setup"))
    device = TOTPDevice.objects.get(user=editor)
    done = editor_client.post(reverse("twofactor:setup"), {"code": code(device)})
    backup = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())[0]

    first, second = signed_in(editor), signed_in(editor)
    taken = first.post(reverse("twofactor:verify"), {"code": backup})
    again = second.post(reverse("twofactor:verify"), {"code": backup})

    assert taken.status_code == 302
    assert "That code did not match" in again.content.decode()


def test_an_owner_can_require_it_of_everyone(editor, settings):
    settings.ADMIN_REQUIRE_2FA = True
    browser = signed_in(editor)

    response = browser.get(reverse("admin:index"))

    assert response["Location"] == reverse("twofactor:setup")
    assert browser.get(reverse("twofactor:setup")).status_code == 200


def test_a_code_page_never_sends_the_editor_to_another_site(editor, paired):
    browser = signed_in(editor)

    answered = browser.post(
        f"{reverse('twofactor:verify')}?next=https://evil.example/",
        {"code": code(paired)},
    )

    assert answered["Location"] == reverse("admin:index")


def test_with_only_the_password_a_paired_editor_gets_a_readers_404_for_drafts(
    editor, paired
):
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    page = PageFactory(status=Status.DRAFT)
    browser = signed_in(editor)
    preview = reverse("articles:preview", args=[draft.pk])

    assert browser.get(preview).status_code == 404
    assert browser.get(page.get_absolute_url()).status_code == 404

    browser.post(reverse("twofactor:verify"), {"code": code(paired)})

    assert browser.get(preview).status_code == 200
    assert browser.get(page.get_absolute_url()).status_code == 200


def test_when_required_an_editor_without_an_app_sees_no_drafts(editor, settings):
    settings.ADMIN_REQUIRE_2FA = True
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    browser = signed_in(editor)

    assert browser.get(reverse("articles:preview", args=[draft.pk])).status_code == 404
    response = browser.post(reverse("editing:presence", args=[draft.pk]))
    assert response["Location"] == reverse("twofactor:setup")


def test_a_paired_editor_who_cannot_give_the_code_may_still_sign_out(editor, paired):
    browser = signed_in(editor)

    browser.post(reverse("admin:logout"))

    assert "_auth_user_id" not in browser.session
