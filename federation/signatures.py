"""Signed requests between servers: RFC 9421 HTTP Message Signatures through
``http-message-signatures``, and the older draft-cavage signatures most
servers still send (federation/cavage.py).

Verification comes in two steps. ``check()`` needs no key and costs next to
nothing, so the inbox runs it before answering: a request whose signature
cannot be right (nothing signed that must be, a digest that does not match
the body, a time outside the window) is refused at once with 401, which
tells a peer that tries one scheme and then the other to try again.
``verify()`` does the cryptography with the sender's key, in the worker.
"""

import datetime
import email.utils
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import http_sf
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from http_message_signatures import (
    ContentDigest,
    HTTPMessageSignaturesException,
    HTTPMessageSigner,
    HTTPMessageVerifier,
    MappingKeyResolver,
    algorithms,
)

from federation import cavage
from federation.cavage import SignatureError
from federation.conf import settings

RFC9421, CAVAGE = "rfc9421", "cavage"
# What an RFC 9421 signature must cover, as Fedify and Mastodon sign.
SIGNED_COMPONENTS = ("@method", "@target-uri", "@authority", "date")
ALGORITHMS = {
    algorithm.algorithm_id: algorithm
    for algorithm in (
        algorithms.RSA_V1_5_SHA256,
        algorithms.RSA_PSS_SHA512,
        algorithms.ECDSA_P256_SHA256,
        algorithms.ECDSA_P384_SHA384,
        algorithms.ED25519,
    )
}


@dataclass(frozen=True)
class SignedRequest:
    """A request as its sender addressed it: ``url`` is absolute."""

    method: str
    url: str
    headers: dict = field(default_factory=dict)
    body: bytes = b""

    @property
    def spec(self):
        return RFC9421 if self._header("signature-input") else CAVAGE

    @property
    def path(self):
        parts = urlsplit(self.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def _header(self, name):
        return next((v for k, v in self.headers.items() if k.lower() == name), "")

    def check(self):
        """Refuse what no key could make right; return the keyId it names."""
        skew = settings.FEDERATION_CLOCK_SKEW
        if self.spec == CAVAGE:
            params, _ = cavage.check(
                method=self.method,
                path=self.path,
                headers=self.headers,
                body=self.body,
                skew=skew,
            )
            return params["keyId"]
        components, params = self._rfc9421_input()
        if "@method" not in components or not (
            "@target-uri" in components
            or {"@authority", "@path"} <= components
            or {"@authority", "@request-target"} <= components
        ):
            raise SignatureError("the method and address must be signed")
        created = params.get("created")
        if not isinstance(created, int):
            raise SignatureError("the signature gives no creation time")
        now = datetime.datetime.now(datetime.UTC).timestamp()
        if abs(now - created) > skew:
            raise SignatureError("the signature's creation time is outside the window")
        if self.body:
            if "content-digest" not in components:
                raise SignatureError("a request with a body must sign its digest")
            try:
                ContentDigest.verify(self._header("content-digest"), self.body)
            except HTTPMessageSignaturesException as error:
                raise SignatureError(f"the Content-Digest is wrong: {error}") from None
        return params["keyid"]

    def verify(self, public_key):
        """Check the signature with ``public_key``; raise SignatureError if
        anything is wrong."""
        self.check()
        if self.spec == CAVAGE:
            cavage.verify(
                method=self.method,
                path=self.path,
                headers=self.headers,
                body=self.body,
                public_key=public_key,
                skew=settings.FEDERATION_CLOCK_SKEW,
            )
            return
        _, params = self._rfc9421_input()
        named = ALGORITHMS.get(params.get("alg"))
        error = None
        for algorithm in [named] if named else _algorithms_for(public_key):
            try:
                return self._verify_rfc9421(algorithm, params["keyid"], public_key)
            except HTTPMessageSignaturesException as failure:
                error = failure
        raise SignatureError(f"the signature does not verify: {error}")

    def _verify_rfc9421(self, algorithm, key_id, public_key):
        verifier = HTTPMessageVerifier(
            signature_algorithm=algorithm,
            key_resolver=MappingKeyResolver(
                public_keys={key_id: public_key}, private_keys={}
            ),
        )
        verifier.max_clock_skew = datetime.timedelta(
            seconds=settings.FEDERATION_CLOCK_SKEW
        )
        verifier.verify(
            self, max_age=verifier.max_clock_skew, body=self.body if self.body else None
        )

    def _rfc9421_input(self):
        """The covered components and parameters of the one signature."""
        try:
            parsed = http_sf.parse(
                self._header("signature-input").encode(), tltype="dictionary"
            )
        except ValueError:
            raise SignatureError("the Signature-Input header is malformed") from None
        if len(parsed) != 1:
            raise SignatureError("exactly one signature is expected")
        [(items, params)] = parsed.values()
        if not isinstance(items, list) or not isinstance(params.get("keyid"), str):
            raise SignatureError("the signature names no keyid")
        return {value for value, _ in items}, params


def _algorithms_for(public_key):
    """What a key may have signed with, when the signature does not say: an
    RSA key either RFC 9421 algorithm, the most common first."""
    if isinstance(public_key, rsa.RSAPublicKey):
        return [algorithms.RSA_V1_5_SHA256, algorithms.RSA_PSS_SHA512]
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return [algorithms.ED25519]
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        if public_key.curve.name == "secp384r1":
            return [algorithms.ECDSA_P384_SHA384]
        return [algorithms.ECDSA_P256_SHA256]
    raise SignatureError("the key's type is not supported")


def sign(*, spec, method, url, body, key_id, private_key, headers=None):
    """The headers to send ``body`` (or None, for a GET) to ``url`` with,
    signed by ``private_key`` under ``key_id`` in the ``spec`` given."""
    headers = {**(headers or {}), "Date": email.utils.formatdate(usegmt=True)}
    if spec == CAVAGE:
        return cavage.sign(
            method=method,
            url=url,
            headers=headers,
            body=body,
            key_id=key_id,
            private_key=private_key,
        )
    message = SignedRequest(method=method, url=url, headers=headers)
    signer = HTTPMessageSigner(
        signature_algorithm=algorithms.RSA_V1_5_SHA256,
        key_resolver=MappingKeyResolver(
            public_keys={}, private_keys={key_id: private_key}
        ),
    )
    signer.sign(
        message,
        key_id=key_id,
        label="sig1",
        covered_component_ids=SIGNED_COMPONENTS,
        body=body,
    )
    return message.headers
