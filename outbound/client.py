"""The one HTTP client for every request the site makes to another host:
image copies, WordPress media, link checks, cache purges.

Its rules, kept here so that no caller can leave one out:

- http and https only. The host name is resolved once; every address it
  resolves to must be public (outbound/addresses.py), and the connection goes
  to the very address checked (outbound/connections.py), so a second DNS
  answer cannot swap in another. HTTPS still sends the host name (SNI) and
  verifies the certificate for it.
- Redirects are followed only when the caller asks, by this client, and each
  new address is checked as the first was.
- One deadline bounds the exchange from connecting to the last byte, however
  slowly the other side sends (the system resolver keeps its own time limit);
  a body is refused once it grows past its limit.
- The User-Agent names the site and what is asking, e.g.
  "Backend Intro link checker (+https://example.com/)".
- ``allow`` is for the owner's own machines (cache nodes): only the host and
  port listed are reached, at whatever address they have, private included.

Whatever goes wrong is an OutboundError whose text reads after "could not be
copied: " in an editor's message.
"""

import http.client
import ipaddress
import socket
import ssl
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings

from outbound.addresses import may_reach
from outbound.connections import PinnedHTTP, PinnedHTTPS

MAX_REDIRECTS = 3
REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024
PRIVATE = "it is on a private or local network"
TOO_SLOW = "it took too long to answer"


class OutboundError(Exception):
    """Why a request was not sent or its answer not taken, in plain words.

    ``refused``: the site would not send it at all (the address), rather than
    the other host failing to answer.
    """

    def __init__(self, reason, *, refused=False):
        super().__init__(reason)
        self.refused = refused


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def get(url, *, purpose, deadline, max_bytes, accept="*/*"):
    """The body at ``url``, which must answer 200, following a few redirects.

    ``deadline`` is a time.monotonic() value.
    """
    with _exchange(
        "GET",
        url,
        purpose=purpose,
        deadline=deadline,
        headers={"Accept": accept},
        redirects=MAX_REDIRECTS,
    ) as response:
        if response.status != 200:
            raise OutboundError(f"its server answered {response.status}")
        return _read(response, max_bytes=max_bytes)


def status(url, *, purpose, deadline):
    """The status ``url`` answers a HEAD with, or a GET where the server
    refuses HEAD; the body is not read, and a redirect is an answer."""
    with _exchange("HEAD", url, purpose=purpose, deadline=deadline) as response:
        answered = response.status
    if answered in (403, 405, 501):  # some servers refuse HEAD but answer GET
        with _exchange("GET", url, purpose=purpose, deadline=deadline) as response:
            answered = response.status
    return answered


def request(
    method,
    url,
    *,
    purpose,
    deadline,
    max_bytes,
    headers=None,
    body=None,
    redirects=0,
    allow=None,
):
    """Send one request; return the answer, its body at most ``max_bytes``.

    A redirect is the answer unless ``redirects`` says how many to follow
    (``headers`` then go to every hop).
    ``allow``, a set of host_and_port() pairs, limits the request to those
    machines of the owner's, at whatever address, and to nothing else.
    """
    with _exchange(
        method,
        url,
        purpose=purpose,
        deadline=deadline,
        headers=headers,
        body=body,
        redirects=redirects,
        allow=allow,
    ) as response:
        body = _read(response, max_bytes=max_bytes)
        return Answer(status=response.status, headers=response.msg, body=body)


def host_and_port(url):
    """(host, port) of an http or https address, the host as sent (IDNA)."""
    try:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise OutboundError(
                "only http and https addresses can be fetched", refused=True
            )
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return parts.hostname.encode("idna").decode("ascii"), port
    except ValueError as error:  # a port out of range, a broken host name
        raise OutboundError("its address is not valid", refused=True) from error


def user_agent(purpose):
    return f"{settings.SITE_NAME} {purpose} (+{settings.SITE_URL}/)"


@contextmanager
def _exchange(
    method, url, *, purpose, deadline, headers=None, body=None, redirects=0, allow=None
):
    """The response to a request, after up to ``redirects`` redirects; its
    connection is closed when the block ends."""
    headers = {**(headers or {}), "User-Agent": user_agent(purpose)}
    headers["Connection"] = "close"
    for _ in range(redirects + 1):
        connection, response = _connection(url, deadline=deadline, allow=allow), None
        try:
            with _reasons("could not be reached"):
                connection.request(method, _target(url), body=body, headers=headers)
                response = connection.getresponse()
            if not (redirects and response.status in REDIRECTS):
                yield response
                return
            url = urljoin(url, response.getheader("Location", ""))
            if response.status in (301, 302, 303) and method != "HEAD":
                method, body = "GET", None
        finally:
            if response is not None:
                response.close()
            connection.close()
    raise OutboundError("it redirects too many times")


def _connection(url, *, deadline, allow):
    host, port = host_and_port(url)
    family, address = _resolve(host, port, allow=allow)
    pinned = PinnedHTTPS if urlsplit(url).scheme == "https" else PinnedHTTP
    return pinned(host, port, family=family, address=address, deadline=deadline)


def _resolve(host, port, *, allow):
    """(family, address) to connect to: the first the host resolves to, once
    every address it resolves to has been found reachable."""
    if allow is not None and (host, port) not in allow:
        raise OutboundError("the site sends this request elsewhere", refused=True)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise OutboundError("its host name is unknown") from error
    for *_, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0])
        if not may_reach(address, own_machine=allow is not None):
            raise OutboundError(PRIVATE, refused=True)
    family, *_, sockaddr = found[0]
    return family, sockaddr[0]


def _target(url):
    """The path and query of ``url``, spaces and non-ASCII percent-encoded."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return quote(target, safe="/?=&%:@!$'()*+,;~[]")


def _read(response, *, max_bytes):
    """The body, refused once it grows past ``max_bytes``."""
    length = response.getheader("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise _too_large(max_bytes)
    data = bytearray()
    with _reasons("broke off"):
        while chunk := response.read1(CHUNK):
            data += chunk
            if len(data) > max_bytes:
                raise _too_large(max_bytes)
    return bytes(data)


def _too_large(max_bytes):
    for size, unit in ((1024 * 1024, "MB"), (1024, "KB")):
        if max_bytes >= size:
            return OutboundError(f"it is larger than {max_bytes / size:.3g} {unit}")
    return OutboundError(f"it is larger than {max_bytes} bytes")


@contextmanager
def _reasons(failure):
    """Network errors as OutboundErrors: "its server <failure> (<error>)"."""
    try:
        yield
    except TimeoutError as error:
        raise OutboundError(TOO_SLOW) from error
    except ssl.SSLCertVerificationError as error:
        reason = f"its certificate was refused ({error.verify_message})"
        raise OutboundError(reason) from error
    except (OSError, http.client.HTTPException) as error:
        raise OutboundError(f"its server {failure} ({error})") from error
