"""What the site learns about remote accounts, always in the task worker:
their documents and keys, fetched with a signed GET through the outbound
client (servers in "authorized fetch" mode answer only those), and a copy of
their picture, so that readers' browsers never ask another server for it."""

import hashlib
import io
import json
import time
from urllib.parse import urldefrag

from cryptography.hazmat.primitives.serialization import load_pem_public_key
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from federation import signatures
from federation.actors import LocalActor
from federation.conf import settings
from federation.models import Block, Host, RemoteActor, host_of
from outbound import client
from outbound.client import OutboundError

ACCEPT = (
    "application/activity+json, "
    'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
)
ACTOR_TYPES = {"Person", "Service", "Organization", "Group", "Application"}
# What a server answers a signature scheme it does not take with.
REFUSED = (400, 401, 403)
AVATAR_SIZE = 96
AVATAR_MAX_BYTES = 2 * 1024 * 1024


class FetchError(Exception):
    """A remote document could not be had (``gone``: its server said 410)."""

    def __init__(self, reason, *, gone=False):
        super().__init__(reason)
        self.gone = gone


def deadline():
    return time.monotonic() + settings.FEDERATION_TIMEOUT


def send_signed(method, url, *, spec, key_id, private_key, body=None, headers=None):
    """Send a signed request in the ``spec`` the host is known to take, and in
    the other one if it refuses that (400, 401 or 403), as servers that know
    both do. Returns (answer, the spec of the last try); touches no database,
    so delivery threads may call it."""
    other = signatures.CAVAGE if spec == signatures.RFC9421 else signatures.RFC9421
    for tried in (spec, other):
        signed = signatures.sign(
            spec=tried,
            method=method,
            url=url,
            body=body,
            key_id=key_id,
            private_key=private_key,
            headers=headers,
        )
        answer = client.request(
            method,
            url,
            purpose="fediverse",
            deadline=deadline(),
            max_bytes=settings.FEDERATION_MAX_PAYLOAD,
            headers=signed,
            body=body,
        )
        if answer.status not in REFUSED:
            break
    return answer, tried


def remember_spec(domain, spec):
    """The signature scheme a host took, for the next request to it."""
    Host.objects.filter(domain=domain).exclude(signature_spec=spec).update(
        signature_spec=spec
    )


def fetch(url):
    """The JSON document at ``url``; FetchError if blocked, gone or broken."""
    if Block.objects.matching(url).exists():
        raise FetchError("its server or account is blocked")
    site = LocalActor.site()
    host, _ = Host.objects.get_or_create(domain=host_of(url))
    try:
        answer, spec = send_signed(
            "GET",
            url,
            spec=host.signature_spec,
            key_id=site.key_id,
            private_key=site.keys.private_key(),
            headers={"Accept": ACCEPT},
        )
    except OutboundError as error:
        raise FetchError(str(error)) from error
    if answer.status < 300:
        remember_spec(host.domain, spec)
    if answer.status in (404, 410):
        raise FetchError(f"its server answered {answer.status}", gone=True)
    if answer.status != 200:
        raise FetchError(f"its server answered {answer.status}")
    try:
        document = json.loads(answer.body)
    except ValueError as error:
        raise FetchError("it is not JSON") from error
    if not isinstance(document, dict):
        raise FetchError("it is not a JSON object")
    return document


def actor(uri, *, refresh=False):
    """The remote account ``uri``, from what is stored or fetched afresh."""
    known = RemoteActor.objects.filter(uri=uri).first()
    if known is not None and known.public_key_pem and not refresh:
        return known
    return store(fetch(uri), uri=uri)


def store(document, *, uri):
    """Keep what an actor document says of the account; FetchError if it
    is no account, or names another one."""
    if document.get("id") != uri or document.get("type") not in ACTOR_TYPES:
        raise FetchError("it is not the account it was fetched as")
    key = _key_of(document)
    username = str(document.get("preferredUsername") or "")[:100]
    endpoints = document.get("endpoints")
    icon = _url_of(document.get("icon"))
    fields = {
        "handle": f"@{username}@{host_of(uri)}" if username else "",
        "name": str(document.get("name") or username)[:200],
        "profile_url": _same_host(_url_of(document.get("url")), uri),
        "inbox": _same_host(str(document.get("inbox") or ""), uri),
        "shared_inbox": _same_host(
            str(endpoints.get("sharedInbox") or "")
            if isinstance(endpoints, dict)
            else "",
            uri,
        ),
        "key_id": key["id"],
        "public_key_pem": key["publicKeyPem"],
        "key_fetched_at": timezone.now(),
    }
    remote, _ = RemoteActor.objects.update_or_create(uri=uri, defaults=fields)
    if icon:
        copy_avatar(remote, icon)
    return remote


def key_for(key_id, *, refresh=False):
    """(account, public key) of ``key_id``, fetched when unknown or when
    ``refresh`` (a rotated key)."""
    remote = RemoteActor.objects.filter(key_id=key_id).first()
    if remote is None or refresh:
        owner = urldefrag(key_id).url
        document = fetch(owner)
        if document.get("type") not in ACTOR_TYPES and document.get("owner"):
            owner = str(document["owner"])  # the key on its own: then its owner
            document = fetch(owner)
        remote = store(document, uri=owner)
        if remote.key_id != key_id:
            raise FetchError("the account does not hold this key")
    try:
        return remote, load_pem_public_key(remote.public_key_pem.encode())
    except ValueError as error:
        raise FetchError("its key cannot be read") from error


def copy_avatar(remote, url):
    """The account's picture, shrunk and stored by the site; left as it was
    if it cannot be had."""
    try:
        data = client.get(
            url,
            purpose="fediverse",
            deadline=deadline(),
            max_bytes=AVATAR_MAX_BYTES,
            accept="image/*",
        )
        with Image.open(io.BytesIO(data)) as picture:
            if picture.width * picture.height > 25_000_000:
                return
            picture = picture.convert("RGB")
            picture.thumbnail((AVATAR_SIZE, AVATAR_SIZE))
            out = io.BytesIO()
            picture.save(out, "PNG")
    except (OutboundError, UnidentifiedImageError, OSError, ValueError):
        return
    digest = hashlib.sha256(remote.uri.encode()).hexdigest()[:32]
    default_storage.delete(avatar_name(digest))
    default_storage.save(avatar_name(digest), ContentFile(out.getvalue()))
    remote.avatar = reverse("federation:avatar", args=[digest])
    RemoteActor.objects.filter(pk=remote.pk).update(avatar=remote.avatar)


def avatar_name(digest):
    """Where the copy of an account's picture is stored."""
    return f"fediverse/{digest}.png"


def _key_of(document):
    keys = document.get("publicKey")
    keys = keys if isinstance(keys, list) else [keys]
    for key in keys:
        if (
            isinstance(key, dict)
            and key.get("owner", document["id"]) == document["id"]
            and isinstance(key.get("publicKeyPem"), str)
            and isinstance(key.get("id"), str)
        ):
            return key
    raise FetchError("the account publishes no key")


def _url_of(value):
    """The address in a url or icon property (a string, a Link, an Image)."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("href") or value.get("url") or ""
    return value if isinstance(value, str) else ""


def _same_host(url, uri):
    """An address given by an account, if on its own server."""
    return (
        url
        if url.startswith(("https://", "http://")) and (host_of(url) == host_of(uri))
        else ""
    )
