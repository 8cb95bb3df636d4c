"""The one outbound client: public addresses only, checked after DNS and after
every redirect, the address checked is the one connected to, and size, time
and user agent as promised."""

import time

import pytest

from outbound import client
from outbound.client import PRIVATE, OutboundError
from tests.outbound.conftest import DRIP, other_host, tls_context

PNG = (200, {"Content-Type": "image/png"}, b"\x89PNG pretend")


def fetch(url, *, seconds=5, max_bytes=64 * 1024):
    return client.get(
        url,
        purpose="image copier",
        deadline=time.monotonic() + seconds,
        max_bytes=max_bytes,
    )


def purge(url, *, allow, redirects=0):
    return client.request(
        "PURGE",
        url,
        purpose="cache purger",
        deadline=time.monotonic() + 5,
        max_bytes=1024,
        allow=allow,
        redirects=redirects,
    )


@pytest.mark.parametrize(
    "address", ["127.0.0.1", "localhost", "127.9.9.9", "[::ffff:127.0.0.1]"]
)
def test_loopback_is_refused_by_default_whatever_it_is_called(address):
    with (
        other_host({"/a.png": PNG}) as site,
        pytest.raises(OutboundError, match=PRIVATE) as refused,
    ):
        fetch(f"http://{address}:{site.port}/a.png")

    assert refused.value.refused
    assert site.seen == []


def test_the_test_only_switch_reaches_loopback(loopback_allowed):
    with other_host({"/a.png": PNG}) as site:
        assert fetch(f"{site.url}/a.png") == PNG[2]
        assert fetch(f"http://localhost:{site.port}/a.png") == PNG[2]


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/a.png",
        "http://192.168.1.1/a.png",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
        "http://0.0.0.0/a.png",
    ],
)
def test_a_redirect_to_a_private_or_metadata_address_is_refused_after_it(
    loopback_allowed, target
):
    with (
        other_host({"/a.png": (302, {"Location": target}, b"")}) as site,
        pytest.raises(OutboundError, match=PRIVATE),
    ):
        fetch(f"{site.url}/a.png")

    assert [seen.path for seen in site.seen] == ["/a.png"]


def test_a_redirect_is_checked_again_for_the_owners_own_machines():
    with (
        other_host({}) as elsewhere,
        other_host({"/": (307, {"Location": f"{elsewhere.url}/"}, b"")}) as node,
        pytest.raises(OutboundError, match="sends this request elsewhere"),
    ):
        purge(f"{node.url}/", allow={client.host_and_port(node.url)}, redirects=1)

    assert [seen.method for seen in node.seen] == ["PURGE"]
    assert elsewhere.seen == []


def test_only_the_owners_listed_machines_are_reached_and_never_the_metadata():
    with other_host({"/": (200, {}, b"Purged")}) as node, other_host({}) as other:
        allow = {client.host_and_port(node.url)}

        assert purge(f"{node.url}/", allow=allow).status == 200
        with pytest.raises(OutboundError, match="elsewhere"):
            purge(f"{other.url}/", allow=allow)
        with pytest.raises(OutboundError, match=PRIVATE):
            purge("http://169.254.169.254/", allow={("169.254.169.254", 80)})

    assert other.seen == []


def test_the_connection_goes_to_the_address_that_was_checked(
    resolver, loopback_allowed
):
    # A second look-up would give 127.0.0.2, where nothing listens.
    resolver.names["images.test"] = [("127.0.0.1",), ("127.0.0.2",)]
    with other_host({"/a.png": PNG}) as site:
        assert fetch(f"http://images.test:{site.port}/a.png") == PNG[2]

    assert resolver.lookups == ["images.test"]
    assert site.seen[0].headers["Host"] == f"images.test:{site.port}"


def test_a_name_with_one_local_address_among_public_ones_is_refused(resolver):
    resolver.names["mixed.test"] = [("93.184.215.14", "127.0.0.1")]

    with pytest.raises(OutboundError, match=PRIVATE):
        fetch("http://mixed.test/a.png")


def test_https_sends_the_host_name_and_checks_the_certificate_for_it(
    resolver, loopback_allowed, certificates, monkeypatch
):
    cert, key = certificates("images.test")
    resolver.names["images.test"] = [("127.0.0.1",)]
    resolver.names["elsewhere.test"] = [("127.0.0.1",)]
    names_seen = []
    tls = tls_context(cert, key, names_seen=names_seen)
    with other_host({"/a.png": PNG}, tls=tls) as site:
        with pytest.raises(OutboundError, match="certificate was refused"):
            fetch(f"https://images.test:{site.port}/a.png")  # not trusted yet
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        fetched = fetch(f"https://images.test:{site.port}/a.png")
        with pytest.raises(OutboundError, match="certificate was refused"):
            fetch(f"https://elsewhere.test:{site.port}/a.png")

    assert fetched == PNG[2]
    assert names_seen == ["images.test", "images.test", "elsewhere.test"]


@pytest.mark.parametrize(
    "url", ["ftp://example.com/a.png", "file:///etc/passwd", "//example.com/a"]
)
def test_only_http_and_https_addresses_are_fetched(url):
    with pytest.raises(OutboundError, match="only http and https") as refused:
        fetch(url)

    assert refused.value.refused


@pytest.mark.parametrize(
    "body",
    [
        b"x" * (64 * 1024 + 1),
        (b"x" * 1024 for _ in range(1000)),  # no length said: cut off reading
    ],
    ids=["said", "streamed"],
)
def test_a_body_past_the_limit_is_refused(loopback_allowed, body):
    with (
        other_host({"/big": (200, {}, body)}) as site,
        pytest.raises(OutboundError, match="it is larger than 64 KB"),
    ):
        fetch(f"{site.url}/big", max_bytes=64 * 1024)


def test_one_deadline_bounds_a_server_that_answers_a_byte_at_a_time(
    loopback_allowed,
):
    with other_host({"/a.png": DRIP}) as site:
        started = time.monotonic()
        with pytest.raises(OutboundError, match="it took too long to answer"):
            fetch(f"{site.url}/a.png", seconds=1)
        took = time.monotonic() - started

    assert 1 <= took < 2.5  # the drip would go on for five seconds


def test_a_post_carries_its_body_and_headers_and_names_the_site(
    loopback_allowed, settings
):
    answer_body = b'{"accepted": true}'
    inbox = {"/inbox": (202, {"Content-Type": "application/json"}, answer_body)}
    with other_host(inbox) as site:
        answer = client.request(
            "POST",
            f"{site.url}/inbox",
            purpose="inbox delivery",
            deadline=time.monotonic() + 5,
            max_bytes=1024,
            headers={"Content-Type": "application/activity+json", "Signature": "s"},
            body=b'{"type": "Follow"}',
        )

    assert (answer.status, answer.headers["Content-Type"], answer.body) == (
        202,
        "application/json",
        answer_body,
    )
    [seen] = site.seen
    assert (seen.method, seen.body) == ("POST", b'{"type": "Follow"}')
    assert seen.headers["Content-Type"] == "application/activity+json"
    assert seen.headers["Signature"] == "s"
    assert seen.headers["User-Agent"] == (
        f"{settings.SITE_NAME} inbox delivery (+{settings.SITE_URL}/)"
    )


def test_a_redirect_is_an_answer_unless_the_caller_follows_it(loopback_allowed):
    routes = {"/old": (301, {"Location": "/new"}, b""), "/new": (200, {}, b"here")}
    with other_host(routes) as site:
        answer = client.request(
            "GET",
            f"{site.url}/old",
            purpose="link checker",
            deadline=time.monotonic() + 5,
            max_bytes=1024,
        )
        followed = fetch(f"{site.url}/old")

    assert (answer.status, answer.headers["Location"]) == (301, "/new")
    assert followed == b"here"
    assert [seen.path for seen in site.seen] == ["/old", "/old", "/new"]
