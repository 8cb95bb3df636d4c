import re
from urllib.parse import urlsplit

import pytest
from django.http import HttpResponse
from django.test import Client

from comments import cookies

LINK = re.compile(r"http://\S+")


def text(message):
    return message.get_payload(decode=True).decode()


def mailed_paths(message):
    """The paths of the links in a mail, in order."""
    return [urlsplit(link).path for link in LINK.findall(text(message))]


@pytest.fixture
def reader():
    """A reader's browser: it keeps its cookies from one request to the next."""
    return Client(REMOTE_ADDR="198.51.100.7")


@pytest.fixture
def send_comment(post_comment, reader, django_capture_on_commit_callbacks):
    """Post a comment from ``using`` (the reader's browser) and commit, which
    queues its mails."""

    def send(article, *, using=None, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return post_comment(article, using=using or reader, **fields)

    return send


@pytest.fixture
def confirming(settings):
    settings.COMMENTS_CONFIRM_EMAIL = True


@pytest.fixture
def prove_address():
    """Give ``browser`` the cookie a browser gets when it confirms ``email``
    from a mailed link."""

    def prove(browser, email="ada@example.net"):
        answer = HttpResponse()
        cookies.remember_confirmed(answer, email)
        browser.cookies.update(answer.cookies)

    return prove
