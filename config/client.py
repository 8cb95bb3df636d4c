"""The address of the reader who sent a request, found in one place."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The reader's IP address, or None when no valid one can be told.

    Behind a proxy (``USE_X_FORWARDED_FOR``) the reader's address is the last
    one the proxy appended to X-Forwarded-For. Proxies disagree on its shape
    (``unknown``, ``203.0.113.7:51234``, ``[2001:db8::1]:443``), so anything
    that is not an address falls back to the connecting peer's.
    """
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if address := _parse(forwarded.rsplit(",", 1)[-1]):
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
