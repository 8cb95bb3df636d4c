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
    UNDOING = "undoing", "Being undone"
    UNDONE = "undone", "Undone"


class ImportRun(models.Model):
    """One import: from the command line, or an export uploaded in the admin
    and imported by the task worker.

    An upload waits in WORDPRESS_UPLOAD_DIR, outside media, in a file only
    the site's user can read, until the import is done, or, after a dry run
    or a failure, until the owner imports it for real or discards it. What a
    run wrote is in its entries, so that it can be undone.
    """

    file_name = models.CharField(max_length=200, help_text="As uploaded.")
    dry_run = models.BooleanField(
        default=True, help_text="Write nothing; only report what would be done."
    )
    with_pings = models.BooleanField(
        "keep pingbacks", default=False, help_text="Keep pingbacks and trackbacks."
    )
    fetch_media = models.BooleanField(
        "bring images over",
        default=True,
        help_text="Copy the old site's images into the media library, while it "
        "is still online. Untick if it is gone: images are then listed, and "
        "readers see a placeholder linking to each.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=RunStatus, default=RunStatus.QUEUED
    )
    site = models.CharField(
        max_length=200, blank=True, help_text="The old site's address."
    )
    upload_name = models.CharField(
        max_length=100,
        blank=True,
        editable=False,
        help_text="The uploaded file waiting in WORDPRESS_UPLOAD_DIR; empty once "
        "it is deleted.",
    )
    report = models.TextField(blank=True)
    summary = models.JSONField(
        default=dict, blank=True, editable=False, help_text="The report, for the page."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = "WordPress import"

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def upload_path(self):
        """The uploaded file, while it waits; None once it is deleted."""
        if not self.upload_name:
            return None
        return Path(settings.WORDPRESS_UPLOAD_DIR) / self.upload_name

    @property
    def is_finished(self):
        return self.status not in (RunStatus.QUEUED, RunStatus.RUNNING)


class EntryKind(models.TextChoices):
    AUTHOR = "author", "Author"
    TOPIC = "topic", "Topic"
    ARTICLE = "article", "Article"
    PAGE = "page", "Page"
    COMMENT = "comment", "Comment"
    IMAGE = "image", "Library image"
    FILE = "file", "Sound, video or PDF file"
    REDIRECT = "redirect", "Redirect"


class RunEntry(models.Model):
    """One thing an import created or changed, and how it left it.

    Undoing the run removes what it created, and puts back what it changed,
    unless the thing has changed since (``fingerprint`` no longer matches).
    """

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=10, choices=EntryKind)
    created = models.BooleanField(help_text="Created by the run; else changed.")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    key = models.CharField(
        max_length=300, blank=True, help_text="A redirect's old path, a file's name."
    )
    fingerprint = models.CharField(
        max_length=300, blank=True, help_text="Of the thing as the run left it."
    )
    before = models.JSONField(
        null=True, blank=True, help_text="What a changed thing was before the run."
    )

    class Meta:
        verbose_name_plural = "run entries"
        indexes = [models.Index(fields=["run", "kind"], name="run_entry_kind_idx")]

    def __str__(self):
        what = "created" if self.created else "changed"
        return f"{self.get_kind_display()} {self.object_id or self.key} {what}"
