"""Connections for the outbound client: each goes to the one address that was
checked, and every wait on its socket (connecting, the TLS handshake, each
read and write) takes only the time left before the request's deadline, so
a server that answers a byte at a time cannot stretch it."""

import http.client
import socket
import ssl
import time


def _left(deadline):
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the deadline has passed")
    return left


class _Paced:
    """Socket methods that wait only as long as the request's deadline allows."""

    deadline = 0.0  # no time at all until the connection sets it

    def recv_into(self, *args, **kwargs):
        self.settimeout(_left(self.deadline))
        return super().recv_into(*args, **kwargs)

    def send(self, *args, **kwargs):
        self.settimeout(_left(self.deadline))
        return super().send(*args, **kwargs)

    def sendall(self, *args, **kwargs):
        self.settimeout(_left(self.deadline))
        return super().sendall(*args, **kwargs)


class _PacedSocket(_Paced, socket.socket):
    pass


class _PacedSSLSocket(_Paced, ssl.SSLSocket):
    pass


def _open(family, address, port, deadline):
    """A TCP connection to exactly ``address``, made before the deadline."""
    sock = _PacedSocket(family, socket.SOCK_STREAM)
    sock.deadline = deadline
    try:
        sock.settimeout(_left(deadline))
        sock.connect((address, port))
    except BaseException:
        sock.close()
        raise
    return sock


class PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address checked, whatever the host name resolves to now."""

    def __init__(self, host, port, *, family, address, deadline):
        super().__init__(host, port)
        self.family, self.address, self.deadline = family, address, deadline

    def connect(self):
        self.sock = _open(self.family, self.address, self.port, self.deadline)


class PinnedHTTPS(http.client.HTTPSConnection):
    """The same over TLS, the host name sent (SNI) and the certificate checked."""

    def __init__(self, host, port, *, family, address, deadline):
        context = ssl.create_default_context()
        context.sslsocket_class = _PacedSSLSocket
        super().__init__(host, port, context=context)
        self.family, self.address, self.deadline = family, address, deadline

    def connect(self):
        sock = _open(self.family, self.address, self.port, self.deadline)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
        self.sock.deadline = self.deadline
