"""What readers may see of a kind of content, and when that changes."""

from datetime import timedelta

from django.db import models
from django.db.models import Min, Q
from django.utils import timezone

from publishing.conf import settings
from seo.models import own_canonical


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def published_rule(through=""):
    """What published() keeps, as a condition on the rows reached through
    ``through`` ("articles__" from a series): an aggregate over a join tests
    each joined row once, where ``__in=published()`` scans the table again
    for every aggregate that filters on it."""
    now = timezone.now()
    due = Q(
        **{f"{through}status": Status.PUBLISHED, f"{through}published_at__lte": now}
    )
    unexpired = Q(**{f"{through}unpublish_at__isnull": True}) | Q(
        **{f"{through}unpublish_at__gt": now}
    )
    return due & unexpired


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What a reader may see: published, due, and not yet expired."""
        return self.filter(published_rule())

    def expired(self):
        return self.filter(status=Status.PUBLISHED, unpublish_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def withdrawn(self):
        """Set back to draft after readers saw them."""
        return self.filter(status=Status.DRAFT, withdrawn_at__isnull=False)

    def gone(self):
        """What readers saw that is off the site now: it answers 410 Gone."""
        return self.expired() | self.withdrawn()

    def seen(self):
        """What readers may know the address of: published (due or not) or
        withdrawn."""
        return self.filter(Q(status=Status.PUBLISHED) | Q(withdrawn_at__isnull=False))

    def indexable(self):
        """Published and listed for search engines: the sitemap's items."""
        return self.published().filter(
            own_canonical(self.model.url_prefix, self.model.address_field),
            noindex=False,
        )

    def next_change(self):
        """The next moment one goes live, expires or closes to comments."""
        now = timezone.now()
        published = self.filter(status=Status.PUBLISHED)
        moments = published.aggregate(
            live=Min("published_at", filter=Q(published_at__gt=now)),
            expiry=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        )
        if (days := settings.COMMENTS_CLOSE_AFTER_DAYS) is not None:
            still_open = Q(comments_open=True, published_at__gt=now - timedelta(days))
            first = published.aggregate(at=Min("published_at", filter=still_open))
            if first["at"] is not None:
                moments["closing"] = first["at"] + timedelta(days)
        return min(filter(None, moments.values()), default=None)
