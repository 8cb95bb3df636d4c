import hashlib
import json
from pathlib import Path

from django.db import models

from wordpress.conf import settings


class Kind(models.TextChoices):
    AUTHOR = "author", "Author"
    TOPIC = "topic", "Topic"
    ARTICLE = "article", "Article"
    PAGE = "page", "Page"
    COMMENT = "comment", "Comment"


def digest(*values):
    """A fingerprint of what an export said (or what the import wrote)."""
    return hashlib.sha256(json.dumps(values, default=str).encode()).hexdigest()


class ImportedItem(models.Model):
    """What one thing of a WordPress site became here, and as what it came.

    A second import of the same export finds each thing here and leaves it
    alone; an export whose thing changed updates it, unless an editor has
    changed it here since (``local_hash`` no longer matches); an import cut
    short picks up where it stopped.
    """

    site = models.CharField(max_length=200, help_text="The old site's address.")
    kind = models.CharField(max_length=10, choices=Kind)
    wp_key = models.CharField(
        max_length=200, help_text="Its id, login or slug on the old site."
    )
    object_id = models.PositiveBigIntegerField(
        help_text="The article, page, comment, topic or author it became."
    )
    source_hash = models.CharField(max_length=64, help_text="Of what the export said.")
    local_hash = models.CharField(
        max_length=64, blank=True, help_text="Of what the import wrote here."
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "wp_key"], name="unique_imported_item"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.wp_key} of {self.site}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the task worker"
    RUNNING = "running", "Importing"
    DONE = "done", "Done"
    FAILED = "failed", "Stopped with errors"


class ImportRun(models.Model):
    """An export uploaded in the admin, imported by the task worker.

    The file waits in WORDPRESS_UPLOAD_DIR, outside media, and is deleted
    once the import has run.
    """

    file_name = models.CharField(max_length=200, help_text="As uploaded.")
    dry_run = models.BooleanField(
        default=True, help_text="Write nothing; only report what would be done."
    )
    with_pings = models.BooleanField(
        "keep pingbacks", default=False, help_text="Keep pingbacks and trackbacks."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=RunStatus, default=RunStatus.QUEUED
    )
    report = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = "WordPress import"

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def upload_path(self):
        suffix = Path(self.file_name).suffix.lower()
        return Path(settings.WORDPRESS_UPLOAD_DIR) / f"import-{self.pk}{suffix}"
