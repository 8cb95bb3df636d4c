"""Images from outside addresses, fetched once on an editor's save.

Time- and size-limited, http(s) only, and never from a private, loopback or
otherwise non-public address (checked after resolving the host, and the
connection made to the very address checked, so no DNS answer can swap it).
Tests allow loopback with MEDIA_FETCH_ALLOW_LOOPBACK.
"""

import http.client
import ipaddress
import socket
import time
from urllib.parse import urljoin, urlsplit

from library.conf import max_image_bytes, settings

MAX_REDIRECTS = 3
CHUNK = 64 * 1024
TOO_SLOW = "it took too long to fetch"


class FetchRefused(Exception):
    """The address may not be fetched, or did not give an image in time."""


def fetch(url, *, deadline):
    """The bytes at ``url``, following a few redirects, by ``deadline``."""
    for _ in range(MAX_REDIRECTS + 1):
        connection, sock, response = _get(url, deadline=deadline)
        try:
            if response.status in (301, 302, 303, 307, 308):
                url = urljoin(url, response.getheader("Location", ""))
                continue
            if response.status != 200:
                raise FetchRefused(f"its server answered {response.status}")
            return _read(sock, response, deadline=deadline)
        finally:
            connection.close()
    raise FetchRefused("it redirects too many times")


def _get(url, *, deadline):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused("only http and https addresses can be copied")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise FetchRefused("its address has no valid port") from error
    address = _public_address(parts.hostname, port)
    connection_class = (
        PinnedHTTPSConnection if parts.scheme == "https" else (PinnedHTTPConnection)
    )
    connection = connection_class(
        parts.hostname, port, address=address, timeout=_left(deadline)
    )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(
            "GET",
            path,
            headers={
                "User-Agent": f"{settings.SITE_NAME} image copier "
                f"(+{settings.SITE_URL}/)",
                "Accept": "image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8",
            },
        )
        # The response keeps the socket; the connection may let go of it.
        sock = connection.sock
        return connection, sock, connection.getresponse()
    except TimeoutError as error:
        raise FetchRefused(TOO_SLOW) from error
    except (OSError, http.client.HTTPException) as error:
        raise FetchRefused(f"its server could not be reached ({error})") from error


def _read(sock, response, *, deadline):
    limit = max_image_bytes()
    length = response.getheader("Content-Length", "")
    if length.isdigit() and int(length) > limit:
        raise FetchRefused("it is larger than the library takes")
    data = bytearray()
    try:
        while True:
            sock.settimeout(_left(deadline))
            if not (chunk := response.read1(CHUNK)):
                break
            data += chunk
            if len(data) > limit:
                raise FetchRefused("it is larger than the library takes")
    except TimeoutError as error:
        raise FetchRefused(TOO_SLOW) from error
    except (OSError, http.client.HTTPException) as error:
        raise FetchRefused(f"its server broke off ({error})") from error
    return bytes(data)


def _left(deadline):
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchRefused(TOO_SLOW)
    return left


def _public_address(host, port):
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchRefused("its host name is unknown") from error
    addresses = [ipaddress.ip_address(info[4][0]) for info in found]
    for address in addresses:
        loopback_allowed = settings.MEDIA_FETCH_ALLOW_LOOPBACK and address.is_loopback
        if not (address.is_global or loopback_allowed):
            raise FetchRefused("it is on a private or local network")
    return str(addresses[0])


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address checked, whatever the host name resolves to now."""

    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
