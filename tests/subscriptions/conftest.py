import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

LINK = re.compile(r"http://\S+")


def body(message):
    return message.get_payload(decode=True).decode()


def header(message, name):
    """A header's value, unfolded as mail clients read it."""
    return re.sub(r"\r?\n(?=[ \t])", "", message[name]).strip()


def links(message):
    return LINK.findall(body(message))


@pytest.fixture
def sign_up(django_capture_on_commit_callbacks):
    """Send the form as a reader from ``ip`` does, and commit (queueing the mail)."""

    def send(email, *, frequency="each", ip="198.51.100.7"):
        with django_capture_on_commit_callbacks(execute=True):
            return Client(REMOTE_ADDR=ip).post(
                "/subscribe/", {"email": email, "frequency": frequency}
            )

    return send


@pytest.fixture
def confirm_link(sign_up, run_worker, smtp_server):
    """Sign up and return the path of the link in the confirmation mail."""

    def confirm(email, **kwargs):
        sign_up(email, **kwargs)
        run_worker()
        [link] = links(smtp_server.messages[-1])
        return urlsplit(link).path

    return confirm
