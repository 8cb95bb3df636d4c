"""Which addresses the site may send requests to: public ones only, and the
test-only switch unlocks loopback and nothing else."""

import ipaddress

import pytest

from outbound.addresses import may_reach

NEVER = [
    "10.0.0.1",
    "172.16.0.1",
    "192.168.1.1",
    "100.64.0.1",  # shared (carrier-grade NAT)
    "169.254.169.254",  # the cloud's metadata service
    "169.254.1.1",
    "0.0.0.0",  # noqa: S104 - an address refused, not bound
    "224.0.0.1",
    "240.0.0.1",
    "fd00:ec2::254",  # the metadata service over IPv6
    "fc00::1",
    "fe80::1",
    "::",
    "ff02::1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "2002:a9fe:a9fe::1",  # 6to4 carrying the metadata address
    "64:ff9b::a00:1",  # NAT64 carrying 10.0.0.1
]
LOOPBACK = ["127.0.0.1", "127.8.8.8", "::1", "::ffff:127.0.0.1"]
PUBLIC = ["93.184.215.14", "2606:4700::6810:84e5", "::ffff:93.184.215.14"]


def reachable(addresses, **kwargs):
    return [a for a in addresses if may_reach(ipaddress.ip_address(a), **kwargs)]


def test_only_public_addresses_are_reached_by_default():
    assert reachable(NEVER + LOOPBACK + PUBLIC) == PUBLIC


@pytest.mark.parametrize("switch", [True, False])
def test_the_test_only_switch_unlocks_loopback_and_nothing_else(settings, switch):
    settings.OUTBOUND_ALLOW_LOOPBACK = switch

    assert reachable(NEVER) == []
    assert reachable(LOOPBACK) == (LOOPBACK if switch else [])


def test_the_owners_own_machines_may_be_private_but_never_the_metadata_service():
    assert reachable(["10.0.0.5", "127.0.0.1", "fd12::5"], own_machine=True) == [
        "10.0.0.5",
        "127.0.0.1",
        "fd12::5",
    ]
    metadata = ["169.254.169.254", "fd00:ec2::254", "::ffff:169.254.169.254"]
    assert reachable(metadata, own_machine=True) == []
