from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.urls import reverse


class SearchEngineFields(models.Model):
    """What editors may tell search engines about a page of their own."""

    seo_title = models.CharField(
        "SEO title",
        max_length=70,
        blank=True,
        help_text="Optional. Replaces the title in search results and social cards.",
    )
    meta_description = models.CharField(
        max_length=170,
        blank=True,
        help_text="Optional. Replaces the summary as the description search "
        "engines show. Aim for 120–156 characters.",
    )
    canonical_url = models.URLField(
        "canonical URL",
        blank=True,
        help_text="Optional. Only when this first appeared elsewhere: search "
        "engines then credit that address, and the sitemap leaves it out.",
    )
    noindex = models.BooleanField(
        "hide from search engines",
        default=False,
        help_text="Readers can still open it; search engines are asked not to "
        "list it, and the sitemap leaves it out.",
    )

    class Meta:
        abstract = True


def own_canonical(prefix, field="slug"):
    """Rows whose canonical address is their own (``SITE_URL`` + prefix +
    slug, or another field, + "/"), or unset: the ones a sitemap may list."""
    own_url = Concat(
        Value(f"{settings.SITE_URL}{prefix}"), field, Value("/"),
        output_field=models.URLField(),
    )  # fmt: skip
    return Q(canonical_url="") | Q(canonical_url=own_url)


class ShareImage(models.Model):
    """A generated social-card image, stored once per change of its text."""

    key = models.CharField(max_length=100, help_text="What the image is for.")
    digest = models.CharField(max_length=16, help_text="Fingerprint of its text.")
    png = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "digest"], name="unique_share_image")
        ]

    def __str__(self):
        return f"{self.key} ({self.digest})"

    def get_absolute_url(self):
        return reverse(
            "seo:share_image", kwargs={"key": self.key, "digest": self.digest}
        )

    def purge_tags(self):
        """None: a new image comes with a change to what it shows, which
        purges the pages naming it."""
        return set()
