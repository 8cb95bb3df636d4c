"""Signatures as other implementations make them: the RFC 9421 appendix
vectors (keys and requests from the RFC, B.1 and B.2), and draft-cavage and
RFC 9421 requests signed by Node's crypto and by Fedify."""

import base64
import datetime
import json
import subprocess
from pathlib import Path

import pytest
import time_machine
from cryptography.hazmat.primitives.serialization import (
    load_pem_private_key,
    load_pem_public_key,
)
from http_message_signatures import HTTPMessageSigner, MappingKeyResolver, algorithms

from federation import cavage
from federation.signatures import SignatureError, SignedRequest, sign
from tests.federation.node import PEER, require_node

KEYS = Path(__file__).resolve().parent / "rfc9421"
RFC_TIME = datetime.datetime(2021, 4, 20, 2, 7, 55, tzinfo=datetime.UTC)
DIGEST = (
    "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNye"
    "aldVLvRwEmTHWXvJwew==:"
)
BODY = b'{"hello": "world"}'


def public(name):
    return load_pem_public_key((KEYS / f"{name}.pem").read_bytes())


def private(name):
    return load_pem_private_key((KEYS / f"{name}.key").read_bytes(), None)


def rfc_request(**signature_headers):
    """The RFC's test-request (B.2), with the signature headers given."""
    return SignedRequest(
        "POST",
        "https://example.com/foo?param=Value&Pet=dog",
        {
            "Host": "example.com",
            "Date": "Tue, 20 Apr 2021 02:07:55 GMT",
            "Content-Type": "application/json",
            "Content-Digest": DIGEST,
            "Content-Length": "18",
            **signature_headers,
        },
        BODY,
    )


# RFC 9421 B.2.3, "full coverage" (rsa-pss-sha512): as published.
B23_INPUT = (
    'sig-b23=("date" "@method" "@path" "@query" "@authority" "content-type" '
    '"content-digest" "content-length");created=1618884473;keyid="test-key-rsa-pss"'
)
B23_SIGNATURE = (
    "sig-b23=:bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yBiMIRGOnMYwZ/5MR6fb0Kh1r"
    "IRASVxFkeGt683+qRpRRU5p2voTp768ZrCUb38K0fUxN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbM"
    "Fkl+V5B1TP/yPViV7KsLNmvKiLJH1pFkh/aYA2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1i"
    "pwvKvfrs65ldmlu9bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF61ka39VBrohr9iyMUJpvRX2Zbh"
    "l5ZJzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==:"
)
# B.2.6 (ed25519): method, path and authority signed, but not the digest.
B26_INPUT = (
    'sig-b26=("date" "@method" "@path" "@authority" "content-type" '
    '"content-length");created=1618884473;keyid="test-key-ed25519"'
)
B26_SIGNATURE = (
    "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6v"
    "uQv5lIp5WPpBKRCw==:"
)
# B.2.1 (minimal): signs nothing of the request.
B21_INPUT = (
    'sig-b21=();created=1618884473;keyid="test-key-rsa-pss";'
    'nonce="b3k2pp5k7z-50gnwp.yemd"'
)
B21_SIGNATURE = (
    "sig-b21=:d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31"
    "Iq786U7it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8Dh"
    "TSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrog"
    "UvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhh"
    "o8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==:"
)


@time_machine.travel(RFC_TIME)
def test_the_rfcs_full_coverage_signature_verifies():
    request = rfc_request(**{"Signature-Input": B23_INPUT, "Signature": B23_SIGNATURE})
    request.verify(public("test-key-rsa-pss"))


@time_machine.travel(RFC_TIME)
def test_the_rfcs_signature_fails_once_the_body_changes():
    request = rfc_request(**{"Signature-Input": B23_INPUT, "Signature": B23_SIGNATURE})
    changed = SignedRequest(request.method, request.url, request.headers, b'{"hi": 1}')
    with pytest.raises(SignatureError, match="Content-Digest"):
        changed.verify(public("test-key-rsa-pss"))


@time_machine.travel(RFC_TIME)
def test_the_rfcs_signature_fails_with_another_key():
    request = rfc_request(**{"Signature-Input": B23_INPUT, "Signature": B23_SIGNATURE})
    with pytest.raises(SignatureError, match="does not verify"):
        request.verify(public("test-key-rsa"))


@time_machine.travel(RFC_TIME)
@pytest.mark.parametrize(
    ("signature_input", "signature", "key", "refusal"),
    [
        (B21_INPUT, B21_SIGNATURE, "test-key-rsa-pss", "method and address"),
        (B26_INPUT, B26_SIGNATURE, "test-key-ed25519", "must sign its digest"),
    ],
)
def test_valid_rfc_signatures_that_leave_the_request_open_are_refused(
    signature_input, signature, key, refusal
):
    request = rfc_request(
        **{"Signature-Input": signature_input, "Signature": signature}
    )
    with pytest.raises(SignatureError, match=refusal):
        request.verify(public(key))


def test_the_rfcs_signature_is_refused_outside_the_clock_window():
    request = rfc_request(**{"Signature-Input": B23_INPUT, "Signature": B23_SIGNATURE})
    with pytest.raises(SignatureError, match="window"):
        request.check()


def test_the_library_reproduces_the_rfcs_ed25519_signature():
    """B.2.6 is deterministic: the same key and request give the RFC's bytes."""
    request = rfc_request()
    signer = HTTPMessageSigner(
        signature_algorithm=algorithms.ED25519,
        key_resolver=MappingKeyResolver(
            public_keys={},
            private_keys={"test-key-ed25519": private("test-key-ed25519")},
        ),
    )
    signer.sign(
        request,
        key_id="test-key-ed25519",
        created=datetime.datetime.fromtimestamp(1618884473, tz=datetime.UTC),
        include_alg=False,
        use_existing_digest=True,
        label="sig-b26",
        covered_component_ids=(
            "date",
            "@method",
            "@path",
            "@authority",
            "content-type",
            "content-length",
        ),
    )
    assert request.headers["Signature-Input"] == B26_INPUT
    assert request.headers["Signature"] == B26_SIGNATURE


def test_hmac_vector_b25_is_reproduced():
    secret = base64.b64decode((KEYS / "test-shared-secret.b64").read_text())
    request = rfc_request()
    signer = HTTPMessageSigner(
        signature_algorithm=algorithms.HMAC_SHA256,
        key_resolver=MappingKeyResolver(
            public_keys={}, private_keys={"test-shared-secret": secret}
        ),
    )
    signer.sign(
        request,
        key_id="test-shared-secret",
        created=datetime.datetime.fromtimestamp(1618884473, tz=datetime.UTC),
        include_alg=False,
        use_existing_digest=True,
        label="sig-b25",
        covered_component_ids=("date", "@authority", "content-type"),
    )
    assert request.headers["Signature"] == (
        "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:"
    )


@pytest.mark.parametrize("spec", ["rfc9421", "cavage"])
def test_what_the_site_signs_verifies_and_tampering_does_not(spec):
    key = private("test-key-rsa")
    url = "https://peer.example/users/peer/inbox"
    headers = sign(
        spec=spec, method="POST", url=url, body=BODY, key_id="k", private_key=key
    )
    SignedRequest("POST", url, headers, BODY).verify(public("test-key-rsa"))
    with pytest.raises(SignatureError):
        SignedRequest("POST", url, headers, b'{"hello": "there"}').verify(
            public("test-key-rsa")
        )
    with pytest.raises(SignatureError):
        SignedRequest("POST", url + "x", headers, BODY).verify(public("test-key-rsa"))


def test_a_cavage_signature_without_the_digest_signed_is_refused():
    key = private("test-key-rsa")
    headers = cavage.sign(
        method="GET", url="https://a.example/inbox", headers={}, body=None,
        key_id="k", private_key=key,
    )  # fmt: skip
    headers["Digest"] = cavage.digest(BODY)
    with pytest.raises(SignatureError, match="digest"):
        SignedRequest("POST", "https://a.example/inbox", headers, BODY).check()


@pytest.fixture(scope="module")
def other_signers():
    """Requests to this inbox signed by Node's crypto and by Fedify."""
    node = require_node()
    output = subprocess.run(  # noqa: S603 - the peer's own Node and script
        [node, "sign.mjs", "https://127.0.0.1:8443/ap/inbox", "https://p.example/u"],
        cwd=PEER,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return {sample["signer"]: sample for sample in json.loads(output)}


@pytest.mark.parametrize(
    "signer",
    ["node:crypto", "Fedify draft-cavage-http-signatures-12", "Fedify rfc9421"],
)
def test_requests_signed_by_other_implementations_verify(other_signers, signer):
    sample = other_signers[signer]
    key = load_pem_public_key(sample["publicKeyPem"].encode())
    body = sample["body"].encode()
    url = "https://127.0.0.1:8443/ap/inbox"
    SignedRequest("POST", url, sample["headers"], body).verify(key)
    with pytest.raises(SignatureError):
        SignedRequest("POST", url, sample["headers"], body + b" ").verify(key)
