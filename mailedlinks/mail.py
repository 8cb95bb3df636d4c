"""What every mail with a link shares: direct addresses and one-click
unsubscribe headers. Links point straight at the site (no redirect or
tracking address), and no mail loads anything."""

from django.conf import settings


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def one_click_unsubscribe(url):
    """Headers that let mail clients unsubscribe with one click (RFC 8058)."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
