"""draft-cavage HTTP Signatures (version 12), as Mastodon and most of the
fediverse still sign, on ``cryptography`` alone.

    Signature: keyId="https://a.example/users/alice#main-key",algorithm="rsa-sha256",
               headers="(request-target) host date digest",signature="…"
    Digest: SHA-256=<base64 of the body's SHA-256>

What verification insists on (as Mastodon and Fedify do): ``(request-target)``
and ``host`` signed, and ``date`` or ``(created)``; with a body, ``digest``
signed and equal to the body's (SHA-256 or SHA-512); the time within the
window; rsa-sha256, or hs2019 with an RSA or Ed25519 key. The signed headers
are read in the order the ``headers`` parameter gives (Fedify signs all it
sends, in its own order).
"""

import base64
import email.utils
import hashlib
import re
import time
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

SIGNED = ("(request-target)", "host", "date")
DIGESTS = {"sha-256": hashlib.sha256, "sha-512": hashlib.sha512}
PARAMETER = re.compile(r'\s*([A-Za-z]+)\s*=\s*(?:"([^"]*)"|(\d+(?:\.\d+)?))\s*(?:,|$)')


class SignatureError(Exception):
    """Why a request's signature is refused, in words for the log."""


def digest(body):
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def sign(*, method, url, headers, body, key_id, private_key):
    """The headers to send: ``headers`` with Host, Date, Digest (with a body)
    and Signature added."""
    signed = {**headers, "Host": urlsplit(url).netloc}
    signed.setdefault("Date", email.utils.formatdate(usegmt=True))
    names = [*SIGNED]
    if body is not None:
        signed["Digest"] = digest(body)
        names.append("digest")
    base = _signing_string(names, method, _path(url), _lower(signed), {})
    if isinstance(private_key, rsa.RSAPrivateKey):
        algorithm = "rsa-sha256"
        signature = private_key.sign(base, padding.PKCS1v15(), hashes.SHA256())
    else:
        algorithm, signature = "hs2019", private_key.sign(base)
    signed["Signature"] = (
        f'keyId="{key_id}",algorithm="{algorithm}",headers="{" ".join(names)}",'
        f'signature="{base64.b64encode(signature).decode()}"'
    )
    return signed


def key_id_of(headers):
    """The keyId a request says it was signed with."""
    return parse(_lower(headers).get("signature", ""))["keyId"]


def parse(value):
    """The parameters of a Signature header."""
    params, position = {}, 0
    while position < len(value):
        match = PARAMETER.match(value, position)
        if not match:
            raise SignatureError("the Signature header is malformed")
        params[match[1]] = match[2] if match[2] is not None else match[3]
        position = match.end()
    if "keyId" not in params or "signature" not in params:
        raise SignatureError("the Signature header names no keyId or signature")
    return params


def check(*, method, path, headers, body, skew, now=None):
    """Everything but the cryptography: what is signed, the digest, the time.

    Returns the parsed parameters and the signed header names.
    """
    lower = _lower(headers)
    params = parse(lower.get("signature", ""))
    names = params.get("headers", "date").lower().split()
    if not {"(request-target)", "host"} <= set(names):
        raise SignatureError("(request-target) and host must be signed")
    if "date" not in names and "(created)" not in names:
        raise SignatureError("date or (created) must be signed")
    _check_time(
        lower, params, names, skew=skew, now=time.time() if now is None else now
    )
    if body:
        if "digest" not in names:
            raise SignatureError("a request with a body must sign its digest")
        _check_digest(lower.get("digest"), body)
    if params.get("algorithm", "hs2019").lower() not in ("rsa-sha256", "hs2019"):
        raise SignatureError(f"the algorithm {params['algorithm']} is not supported")
    _signing_string(names, method, path, lower, params)  # every signed header there
    return params, names


def verify(*, method, path, headers, body, public_key, skew, now=None):
    """Check the request and its signature with ``public_key``; raise
    SignatureError if anything fails. ``path`` has the query, as received."""
    params, names = check(
        method=method, path=path, headers=headers, body=body, skew=skew, now=now
    )
    base = _signing_string(names, method, path, _lower(headers), params)
    try:
        signature = base64.b64decode(params["signature"], validate=True)
        if isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(signature, base, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public_key, ed25519.Ed25519PublicKey):
            public_key.verify(signature, base)
        else:
            raise SignatureError("the key is neither RSA nor Ed25519")
    except (InvalidSignature, ValueError):
        raise SignatureError("the signature does not verify") from None


def _check_time(lower, params, names, *, skew, now):
    if "date" in names:
        try:
            date = email.utils.parsedate_to_datetime(lower.get("date", "")).timestamp()
        except (TypeError, ValueError):
            raise SignatureError("the Date header is malformed") from None
        if abs(now - date) > skew:
            raise SignatureError("the Date is outside the allowed window")
    if "created" in params and float(params["created"]) > now + skew:
        raise SignatureError("the signature was created in the future")
    if "expires" in params and float(params["expires"]) < now:
        raise SignatureError("the signature has expired")


def _check_digest(value, body):
    """Every digest named that the site knows must match the body."""
    matched = False
    for part in (value or "").split(","):
        algorithm, _, encoded = part.strip().partition("=")
        function = DIGESTS.get(algorithm.lower())
        if function is None:
            continue
        try:
            given = base64.b64decode(encoded, validate=True)
        except ValueError:
            raise SignatureError("the Digest header is malformed") from None
        if given != function(body).digest():
            raise SignatureError("the Digest does not match the body")
        matched = True
    if not matched:
        raise SignatureError("no SHA-256 or SHA-512 Digest of the body")


def _signing_string(names, method, path, lower, params):
    lines = []
    for name in names:
        if name == "(request-target)":
            value = f"{method.lower()} {path}"
        elif name in ("(created)", "(expires)"):
            value = params.get(name[1:-1])
            if value is None:
                raise SignatureError(f"{name} is signed but not given")
        elif name in lower:
            value = lower[name].strip()
        else:
            raise SignatureError(f"the signed header {name} is missing")
        lines.append(f"{name}: {value}")
    return "\n".join(lines).encode()


def _path(url):
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _lower(headers):
    return {name.lower(): value for name, value in headers.items()}
