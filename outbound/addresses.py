"""Which addresses the site's requests to other hosts may go to.

Public addresses only: never private, shared (CGNAT), loopback, link-local,
multicast, reserved or unspecified ones, nor a cloud's metadata service, also
when an IPv6 address carries an IPv4 one (::ffff:10.0.0.1, 6to4, NAT64).

OUTBOUND_ALLOW_LOOPBACK is for tests only, which serve their "other sites" on
127.0.0.1: it unlocks loopback and nothing else. It is not read from the
environment, so a deployment cannot switch it on by accident.
"""

import ipaddress

from django.conf import settings

METADATA = {
    ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack…
    ipaddress.ip_address("fd00:ec2::254"),  # AWS over IPv6
}
NAT64 = ipaddress.ip_network("64:ff9b::/96")


def carried(address):
    """The IPv4 address an IPv6 one stands for (mapped, 6to4, NAT64), or itself."""
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address in NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return address


def may_reach(address, *, own_machine=False):
    """Whether the site may connect to ``address``.

    ``own_machine``: an address the owner configured for one of their own
    machines (a cache node), which may be private or loopback; even then never
    the metadata service.
    """
    inner = carried(address)
    if address in METADATA or inner in METADATA:
        return False
    if own_machine:
        return True
    if inner.is_loopback:
        return getattr(settings, "OUTBOUND_ALLOW_LOOPBACK", False)
    return inner.is_global and not (
        inner.is_private
        or inner.is_link_local
        or inner.is_multicast
        or inner.is_reserved
        or inner.is_unspecified
    )
