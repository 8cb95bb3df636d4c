"""The two cookies a commenter may get, both signed and unreadable by scripts.

- The author cookie keeps name, email and website, only when the commenter
  ticks "Remember me", so the form is filled in next time.
- The own-comments cookie lists the comments sent from this browser, so
  that their author, and only they, sees those awaiting moderation. Every
  comment sets it, whatever happens to it: whether it is set must not tell
  a stranger whether an address they typed has a comment published.

A commenter who confirms an address from a mailed link also gets a cookie
holding a keyed hash of it (never the address), so that later comments from
that browser with that address need no new mail; one who opens their
comments from a mailed link gets a random key to them, sent only to those
pages (comments/commenter_views.py).
"""

import json

from django.conf import settings
from django.core import signing

from comments.commenters import address_key
from comments.models import Comment

AUTHOR_COOKIE = "comment_author"
OWN_COOKIE = "own_comments"
CONFIRMED_COOKIE = "comment_confirmed"
MANAGER_COOKIE = "comment_manager"
MANAGE_PATH = "/comments/manage/"
REMEMBERED_FIELDS = ("name", "email", "website")
YEAR = 365 * 24 * 60 * 60
MONTH = 30 * 24 * 60 * 60
MAX_OWN = 20


def _set(response, name, value, *, max_age):
    response.set_signed_cookie(
        name,
        value,
        salt=name,
        max_age=max_age,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _get(request, name, *, max_age):
    try:
        return request.get_signed_cookie(name, salt=name, max_age=max_age)
    except (KeyError, signing.BadSignature):
        return None


def remember_author(response, data):
    """Keep the author's details when asked to; otherwise forget them."""
    if data is None:
        response.delete_cookie(AUTHOR_COOKIE, samesite="Lax")
        return
    details = {field: data.get(field) or "" for field in REMEMBERED_FIELDS}
    _set(response, AUTHOR_COOKIE, json.dumps(details), max_age=YEAR)


def remembered_author(request):
    value = _get(request, AUTHOR_COOKIE, max_age=YEAR)
    if not value:
        return {}
    details = json.loads(value)
    return {
        **{field: details.get(field, "") for field in REMEMBERED_FIELDS},
        "remember": True,
    }


def own_comment_ids(request):
    value = _get(request, OWN_COOKIE, max_age=MONTH)
    return [int(pk) for pk in value.split(",") if pk.isdigit()] if value else []


def add_own_comment(request, response, comment):
    ids = [*own_comment_ids(request), comment.pk][-MAX_OWN:]
    _set(response, OWN_COOKIE, ",".join(map(str, ids)), max_age=MONTH)


def editable_here(request, target):
    """The ids of this browser's comments on ``target`` it may still edit."""
    own = own_comment_ids(request)
    if not own:
        return set()
    editable = Comment.objects.editable_by(own).on(target)
    return set(editable.values_list("pk", flat=True))


def remember_confirmed(response, email):
    """This browser has confirmed the address: later comments need no mail."""
    _set(
        response,
        CONFIRMED_COOKIE,
        address_key(email, purpose="browser"),
        max_age=YEAR,
    )


def confirmed_here(request, email):
    """Whether this browser confirmed this address before."""
    key = _get(request, CONFIRMED_COOKIE, max_age=YEAR)
    return key is not None and key == address_key(email, purpose="browser")
