"""The tokens in links mailed to readers.

- Single-use links (confirm an address, open one's comments): a random
  token whose hash alone is stored (``mailedlinks.models.MailedToken``), so a
  copy of the database opens nothing.
- Links that stop mail and work from every mail sent (unsubscribe, stop
  reply mails): a keyed hash of the row they stop and its address, never
  stored; it stops working with the row, or when the address changes.
- Links that stop mail for an address rather than a row: signed with the
  time they were mailed, and good for a lifetime, since no row ends them.
"""

import hashlib
import secrets

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac


def new_token():
    """A fresh token for a link, and the hash to store in its place."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def bound_token(purpose, *, pk, email):
    """The token of a link that stops the mail of one row (``pk``) to ``email``."""
    return salted_hmac(purpose, f"{pk}:{email.lower()}", algorithm="sha256").hexdigest()


def is_bound_token(token, purpose, *, pk, email):
    return constant_time_compare(token, bound_token(purpose, pk=pk, email=email))


def signed_token(purpose, value):
    """``value`` signed with the time: ``value:time:signature``."""
    return signing.TimestampSigner(salt=purpose).sign(value)


def signed_value(purpose, token, *, max_age):
    """The value a signed token carries, or None when forged or older than
    ``max_age`` (a timedelta)."""
    try:
        return signing.TimestampSigner(salt=purpose).unsign(token, max_age=max_age)
    except signing.BadSignature:
        return None
