"""What the site sends: activities, and their delivery to each inbox.

One activity is stored once; a delivery is that activity for one inbox (a
server's shared inbox stands for all its followers there). A delivery that
fails is tried again later (FEDERATION_RETRY_MINUTES, over days); an inbox
that failed through the whole schedule is marked dead and gets nothing more
until its server writes to the site again.
"""

from urllib.parse import urlsplit

from django.db import models
from django.utils import timezone


def host_of(url):
    """The host (and port, if any) of an address, lower-cased."""
    return (urlsplit(url).netloc or "").lower()


class Host(models.Model):
    """A remote server, and how it wants the site's requests signed."""

    class Spec(models.TextChoices):
        RFC9421 = "rfc9421", "HTTP Message Signatures (RFC 9421)"
        CAVAGE = "cavage", "draft-cavage HTTP Signatures"

    domain = models.CharField(max_length=255, unique=True)
    signature_spec = models.CharField(
        max_length=10,
        choices=Spec,
        default=Spec.RFC9421,
        help_text="Set to draft-cavage when the server refused RFC 9421.",
    )

    shown_on_pages = False

    def __str__(self):
        return self.domain


class Inbox(models.Model):
    url = models.URLField(max_length=500, unique=True)
    host = models.ForeignKey(Host, on_delete=models.CASCADE, related_name="inboxes")
    failures = models.PositiveIntegerField(
        default=0, help_text="Failed attempts since its last success."
    )
    dead_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Failed for days: nothing is sent until its server writes again.",
    )

    shown_on_pages = False

    class Meta:
        verbose_name_plural = "inboxes"

    def __str__(self):
        return self.url


class Activity(models.Model):
    """One activity the site sent (or sends): its JSON, as delivered."""

    activity_id = models.URLField(max_length=500, unique=True)
    actor = models.CharField(max_length=100)
    type = models.CharField(max_length=20)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    shown_on_pages = False

    class Meta:
        verbose_name_plural = "activities"

    def __str__(self):
        return f"{self.type} {self.activity_id}"


class DeliveryQuerySet(models.QuerySet):
    def due(self):
        return self.filter(
            status=Delivery.Status.PENDING, next_attempt_at__lte=timezone.now()
        )


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Given up"
        STOPPED = "stopped", "Stopped (blocked or dead inbox)"

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="deliveries"
    )
    inbox = models.ForeignKey(Inbox, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    shown_on_pages = False

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "inbox"], name="deliver_once_per_inbox"
            )
        ]

    def __str__(self):
        return f"{self.activity} → {self.inbox}"


class Publication(models.Model):
    """An article as the fediverse knows it: its id there and the version
    last sent, so each save sends what changed (Create, Update or Delete)."""

    uri = models.URLField(max_length=500, unique=True)
    entry = models.OneToOneField(
        "publishing.Entry",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = models.CharField(max_length=100)
    sent_hash = models.CharField(max_length=64)
    published_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    shown_on_pages = False

    def __str__(self):
        return self.uri
