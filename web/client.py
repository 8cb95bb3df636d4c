"""The address of the reader who sent a request, found in one place."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The reader's IP address, or None when no valid one can be told.

    Behind proxies (``USE_X_FORWARDED_FOR``) each of the ``PROXY_COUNT``
    trusted ones appended an entry to X-Forwarded-For, so the reader's
    address is that many from the end; what comes before it is the reader's
    own to forge. Proxies disagree on its shape (``unknown``,
    ``203.0.113.7:51234``, ``[2001:db8::1]:443``), so anything that is not an
    address, or a chain too short, falls back to the connecting peer's.
    """
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")
        if len(forwarded) >= settings.PROXY_COUNT and (
            address := _parse(forwarded[-settings.PROXY_COUNT])
        ):
            return address
    return _parse(request.META.get("REMOTE_ADDR", ""))


def _parse(text):
    text = text.strip()
    if text.startswith("["):  # [IPv6]:port
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # IPv4:port
        text = text.partition(":")[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None
