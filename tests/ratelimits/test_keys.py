"""Limits count senders, not spellings: one mailbox, one IPv6 network."""

import pytest

from ratelimits.keys import mailbox, network


@pytest.mark.parametrize(
    "spelling",
    [
        "ada@example.net",
        "Ada@Example.NET",
        "ada+news@example.net",
        "ada+a+b@example.net",
        '"ada"@example.net',
        '"Ada+x"@example.net',
        " ada@example.net. ",
    ],
)
def test_every_spelling_of_one_mailbox_is_one_key(spelling):
    assert mailbox(spelling) == "ada@example.net"


def test_dots_count_only_where_the_provider_reads_them():
    assert mailbox("a.d.a@googlemail.com") == mailbox("ADA@gmail.com")
    assert mailbox("a.da@example.net") != mailbox("ada@example.net")


def test_a_unicode_domain_and_its_ascii_form_are_one_key():
    assert mailbox("ada@bücher.example") == mailbox("ada@xn--bcher-kva.example")


def test_an_ipv6_address_counts_as_its_64():
    assert network("2001:db8:1:2::1") == network("2001:db8:1:2:ffff::9")
    assert network("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert network("2001:db8:1:3::1") != network("2001:db8:1:2::1")


def test_ipv4_counts_per_address_even_mapped_into_ipv6():
    assert network("198.51.100.7") == "198.51.100.7"
    assert network("::ffff:198.51.100.7") == "198.51.100.7"
    assert network("198.51.100.8") != network("198.51.100.7")
    assert network(None) is None
