"""Every link the site mails to readers opens the one mailed-link flow
(mailedlinks.flow): a page with a button, a POST that acts, a page that
says when a link no longer works, never cached and never indexed.

The walk finds the links by their routes (a token in the address), so a
new mailed link that skips the flow fails here, however it is named.
"""

import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from mailedlinks.flow import MailedLinkView

pytestmark = pytest.mark.django_db

# Links with a token that no one mails: an editor hands a preview over.
NOT_MAILED = {"articles:shared_preview"}
# Found by the walk; listed so that it cannot pass by walking nothing.
SURELY_MAILED = {
    "comments:confirm", "comments:manage_link", "comments:stop_replies",
    "comments:stop_all_replies", "subscriptions:confirm", "subscriptions:unsubscribe",
}  # fmt: skip
FAKE = {"int": "1", "slug": "x" * 43, "str": "x" * 43}


def token_routes(resolver=None, prefix="", namespace=""):
    """(namespaced name, route, view) of every view with a token in its path."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else ""
            yield from token_routes(pattern, route, inner or namespace)
        elif "token>" in route:
            yield f"{namespace}{pattern.name}", route, pattern.callback


def mailed_links():
    return [
        (name, route, view)
        for name, route, view in token_routes()
        if name not in NOT_MAILED
    ]


def test_every_mailed_link_is_a_view_of_the_one_flow():
    links = mailed_links()

    assert {name for name, _, _ in links} >= SURELY_MAILED
    outside = [
        name
        for name, _, view in links
        if not issubclass(getattr(view, "view_class", type(None)), MailedLinkView)
    ]
    assert outside == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_made_up_link_gets_a_plain_answer_never_cached_or_indexed(method):
    for name, route, _ in mailed_links():
        path = "/" + re.sub(r"<(\w+):\w+>", lambda m: FAKE[m[1]], route)

        response = getattr(Client(), method)(path)

        assert response.status_code in (200, 410), name
        assert "no-cache" in response["Cache-Control"], name
        assert '<meta name="robots" content="noindex' in response.content.decode()
