"""Links the site mails to readers: tokens, addresses and unsubscribe headers.

Shared by every app that mails readers. A mailed token is random and only
its hash is stored, so a copy of the database opens nothing; links point
straight at the site (no redirect or tracking address).
"""

import hashlib
import secrets

from django.conf import settings


def new_token():
    """A fresh token for a link, and the hash to store in its place."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def one_click_unsubscribe(url):
    """Headers that let mail clients unsubscribe with one click (RFC 8058)."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
