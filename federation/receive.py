"""What the site takes from other servers, checked before it answers and
queued for the task worker: activities posted to its inboxes, webmentions.

Only what costs next to nothing happens here (sizes, JSON, what the
signature covers, blocks, the rate per host), so an inbox answers within
milliseconds however busy the fediverse is; keys are fetched and signatures
verified in the worker (federation/inbox.py).
"""

import json

from django.http import HttpResponse

from federation.conf import settings
from federation.inbox import process_activity
from federation.models import Block, Webmention, host_of
from federation.signatures import SignatureError, SignedRequest
from federation.webmention import verify_webmention
from publishing.addresses import lookup
from ratelimits.models import consume
from seo.meta import absolute
from web.client import client_ip

# Headers a server's request is kept with for the worker: all it may sign.
UNKEPT_HEADERS = {"cookie", "authorization"}


def refused(status, reason):
    return HttpResponse(reason, status=status, content_type="text/plain")


def take_activity(request):
    """202 and the activity queued, or why not (400, 401, 403, 413, 429)."""
    length = request.META.get("CONTENT_LENGTH") or ""
    if not length.isdigit():
        return refused(411, "Say how long the activity is (Content-Length).")
    if int(length) > settings.FEDERATION_MAX_PAYLOAD:
        return refused(413, "The activity is too large.")
    body = request.body
    actor = _actor_of(body)
    if actor is None:
        return refused(400, "An activity with an actor is expected, as JSON.")
    headers = {
        name: value
        for name, value in request.headers.items()
        if name.lower() not in UNKEPT_HEADERS
    }
    signed = SignedRequest("POST", request.build_absolute_uri(), headers, body)
    try:
        key_id = signed.check()
    except SignatureError as error:
        return refused(401, f"Signature refused: {error}.")
    if host_of(key_id) != host_of(actor):
        return refused(401, "Signature refused: the key is not the actor's server's.")
    if Block.objects.matching(actor).exists():
        return refused(403, "This server does not take activities from you.")
    if not consume(
        "federation-inbox",
        host_of(actor),
        limit=settings.FEDERATION_INBOX_RATE_LIMIT,
        window=settings.FEDERATION_INBOX_RATE_WINDOW,
    ):
        response = refused(429, "Too many activities from your server; later.")
        response["Retry-After"] = str(settings.FEDERATION_INBOX_RATE_WINDOW)
        return response
    process_activity.enqueue(signed.url, headers, body.decode())
    return HttpResponse(status=202)


def _actor_of(body):
    """The actor an activity names, or None if it is no such activity."""
    try:
        actor = json.loads(body).get("actor")
    except (ValueError, AttributeError):
        return None
    actor = actor.get("id") if isinstance(actor, dict) else actor
    if isinstance(actor, str) and actor.startswith(("https://", "http://")):
        return actor
    return None


def take_webmention(request):
    """202 and the mention queued for checking, or 400 (or 429) and why."""
    source = request.POST.get("source", "").strip()
    target = request.POST.get("target", "").strip()
    for url in (source, target):
        if not url.startswith(("https://", "http://")) or len(url) > 500:
            return refused(400, "source and target must be http(s) addresses.")
    if source == target:
        return refused(400, "source and target must differ.")
    entry = _entry_at(target)
    if entry is None:
        return refused(400, "target is no article of this site.")
    if not consume(
        "webmentions",
        client_ip(request),
        limit=settings.WEBMENTION_RATE_LIMIT,
        window=settings.WEBMENTION_RATE_WINDOW,
    ):
        return refused(429, "Too many webmentions from your address; later.")
    mention, _ = Webmention.objects.update_or_create(
        source=source,
        entry=entry,
        defaults={"target": target, "status": Webmention.Status.RECEIVED},
    )
    verify_webmention.enqueue(mention.pk)
    return HttpResponse("The mention is checked shortly.", status=202)


def _entry_at(url):
    """The entry of the published content at ``url`` on this site, or None."""
    site = absolute("/")
    if not url.startswith(site):
        return None
    target = lookup("/" + url[len(site) :].split("#")[0].split("?")[0])
    return target.entry if target is not None and target.entry_id else None
