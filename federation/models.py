"""What the site knows of the fediverse: its own actors' keys, the remote
accounts that follow it or write to it, blocks, and what readers there did
with each article (likes, boosts). Deliveries live in federation/outbox.py.
"""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import models
from django.db.models import Q

from federation.outbox import (  # noqa: F401 - the app's other models
    Activity,
    Delivery,
    Host,
    Inbox,
    Publication,
    host_of,
)
from publishing.models import Entry

# The cache tag of the documents that count followers.
FOLLOWERS_TAG = "fediverse-followers"


class LocalKey(models.Model):
    """The key pair one of the site's actors signs with (made on first use)."""

    actor = models.CharField(max_length=100, unique=True)
    private_pem = models.TextField(editable=False)
    public_pem = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    shown_on_pages = False

    def __str__(self):
        return f"Key of {self.actor}"

    @classmethod
    def of(cls, actor):
        """The actor's key pair, made on first use."""
        key = cls.objects.filter(actor=actor).first()
        if key is not None:
            return key
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        private_pem = private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        public_pem = (
            private.public_key()
            .public_bytes(
                serialization.Encoding.PEM,
                serialization.PublicFormat.SubjectPublicKeyInfo,
            )
            .decode()
        )
        key, _ = cls.objects.get_or_create(
            actor=actor, defaults={"private_pem": private_pem, "public_pem": public_pem}
        )
        return key

    def private_key(self):
        return serialization.load_pem_private_key(self.private_pem.encode(), None)


class RemoteActor(models.Model):
    """A fediverse account the site has heard from; what its owner published."""

    uri = models.URLField("account", max_length=500, unique=True)
    handle = models.CharField(max_length=200, blank=True)
    name = models.CharField(max_length=200, blank=True)
    profile_url = models.URLField(max_length=500, blank=True)
    avatar = models.CharField(
        max_length=300, blank=True, help_text="The site's own copy of its picture."
    )
    inbox = models.URLField(max_length=500, blank=True)
    shared_inbox = models.URLField(max_length=500, blank=True)
    key_id = models.URLField(max_length=500, blank=True)
    public_key_pem = models.TextField(blank=True, editable=False)
    key_fetched_at = models.DateTimeField(null=True, editable=False)
    first_seen_at = models.DateTimeField(auto_now_add=True)

    shown_on_pages = False

    class Meta:
        indexes = [models.Index(fields=["key_id"], name="remote_actor_key_idx")]

    def __str__(self):
        return self.handle or self.uri

    @property
    def host(self):
        return host_of(self.uri)

    @property
    def delivery_inbox(self):
        """Where activities for many accounts of its server go: one copy each."""
        return self.shared_inbox or self.inbox


class Follower(models.Model):
    """A remote account following one of the site's actors."""

    actor = models.CharField(
        max_length=100, help_text="Which of the site's accounts it follows."
    )
    remote = models.ForeignKey(
        RemoteActor, on_delete=models.CASCADE, related_name="follows"
    )
    follow_id = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor", "remote"], name="follow_once")
        ]

    def __str__(self):
        return f"{self.remote} follows {self.actor}"

    def purge_tags(self):
        """The followers collections, which count them."""
        return {FOLLOWERS_TAG}


def domains_of(url):
    """The host of ``url`` and every domain above it."""
    labels = host_of(url).split(":")[0].split(".")
    return {".".join(labels[i:]) for i in range(len(labels))}


class BlockQuerySet(models.QuerySet):
    def matching(self, url):
        """Blocks that refuse ``url`` (an account's address): its domain or
        any domain above it, or the account itself."""
        return self.filter(
            Q(kind=Block.Kind.DOMAIN, value__in=domains_of(url))
            | Q(kind=Block.Kind.ACCOUNT, value=url)
        )

    def refused(self, urls):
        """Those of ``urls`` that a block refuses, in one query."""
        blocks = set(self.values_list("kind", "value"))
        return {
            url
            for url in urls
            if (Block.Kind.ACCOUNT, url) in blocks
            or any((Block.Kind.DOMAIN, d) in blocks for d in domains_of(url))
        }


class Block(models.Model):
    class Kind(models.TextChoices):
        DOMAIN = "domain", "A whole server (domain)"
        ACCOUNT = "account", "One account"

    kind = models.CharField(max_length=10, choices=Kind, default=Kind.DOMAIN)
    value = models.CharField(
        max_length=500,
        help_text="A domain (example.social, which also blocks its subdomains), "
        "or an account's address (https://example.social/users/name).",
    )
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BlockQuerySet.as_manager()

    shown_on_pages = False

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="block_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args, **kwargs):
        self.value = self.value.strip()
        if self.kind == self.Kind.DOMAIN:
            self.value = self.value.lower().removeprefix("@")
        super().save(*args, **kwargs)


class Reactions(models.Model):
    """How many fediverse accounts liked and boosted an article, for editors."""

    entry = models.OneToOneField(
        Entry, on_delete=models.CASCADE, related_name="+", verbose_name="article"
    )
    likes = models.PositiveIntegerField(default=0)
    boosts = models.PositiveIntegerField(default=0)

    shown_on_pages = False

    class Meta:
        verbose_name = verbose_name_plural = "likes and boosts"

    def __str__(self):
        return str(self.entry)


class Interaction(models.Model):
    """One like or boost, kept so that its Undo can take it back."""

    class Kind(models.TextChoices):
        LIKE = "like", "Like"
        BOOST = "boost", "Boost"

    activity_id = models.URLField(max_length=500, unique=True)
    kind = models.CharField(max_length=5, choices=Kind)
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    remote = models.ForeignKey(
        RemoteActor, on_delete=models.CASCADE, related_name="interactions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    shown_on_pages = False

    def __str__(self):
        return f"{self.get_kind_display()} by {self.remote}"


class Webmention(models.Model):
    """A page elsewhere said it mentions an article; verified in the worker."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Waiting to be checked"
        VERIFIED = "verified", "Links to the article"
        REFUSED = "refused", "Does not link to the article"

    source = models.URLField(max_length=500)
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    target = models.URLField(max_length=500)
    status = models.CharField(max_length=10, choices=Status, default=Status.RECEIVED)
    received_at = models.DateTimeField(auto_now=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    shown_on_pages = False

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "entry"], name="mention_once")
        ]

    def __str__(self):
        return f"{self.source} → {self.entry}"
