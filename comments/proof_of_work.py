"""A proof-of-work puzzle for the comment form, for spam waves.

ALTCHA's scheme, issued and checked by the site itself (no third party):
the site picks a secret number up to ``COMMENTS_POW_MAX_NUMBER`` and sends
the SHA-256 of a salt followed by that number, signed with the site's key;
the reader's browser finds the number by trying them all (half the range on
average, about a second on a phone) and sends it back with the comment. A
solution is good once: the cache remembers each one used until its
challenge expires, in every worker and server.
"""

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time

from django.core.cache import cache

from comments.conf import settings

ALGORITHM = "SHA-256"
LIFETIME = 20 * 60  # seconds a challenge stays good: time to write a comment
FIELDS = ("algorithm", "challenge", "number", "salt", "signature")


def new_challenge():
    """A fresh puzzle, as the browser's solver expects it (JSON)."""
    expires = int(time.time()) + LIFETIME
    salt = f"{secrets.token_hex(12)}?expires={expires}"
    number = secrets.randbelow(settings.COMMENTS_POW_MAX_NUMBER + 1)
    challenge = _sha256(f"{salt}{number}")
    return {
        "algorithm": ALGORITHM,
        "challenge": challenge,
        "maxnumber": settings.COMMENTS_POW_MAX_NUMBER,
        "salt": salt,
        "signature": _sign(challenge),
    }


def is_solved(payload):
    """Whether ``payload`` (base64 JSON from the form) solves a puzzle this
    site set, still good and not used before. Uses it up."""
    try:
        solution = json.loads(base64.b64decode(payload, validate=True))
        algorithm, challenge, number, salt, signature = (
            solution[field] for field in FIELDS
        )
        expires = int(salt.rpartition("?expires=")[2])
    except (binascii.Error, ValueError, TypeError, KeyError, AttributeError):
        return False
    if (
        algorithm != ALGORITHM
        or not isinstance(number, int)
        or not isinstance(signature, str)
        or expires < time.time()
        or not hmac.compare_digest(signature, _sign(challenge))
        or _sha256(f"{salt}{number}") != challenge
    ):
        return False
    # add() stores only when the key is new: one use, even in a race.
    return cache.add(f"proof-of-work:{challenge}", True, timeout=LIFETIME)


def _sha256(text):
    return hashlib.sha256(text.encode()).hexdigest()


def _sign(challenge):
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, str(challenge).encode(), hashlib.sha256).hexdigest()
