"""What the editing job keeps of any publishable (through its entry): unsaved
drafts, who has it open, its links, its last checks."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from publishing.models import Entry

# A form that has not called in for this long has been closed.
PRESENCE_TIMEOUT = timedelta(seconds=60)


class Draft(models.Model):
    """The fields of a form as an editor left them, saved while typing.

    It never touches the article or page: the editor is offered it back on
    reload and it is deleted when the form is saved.
    """

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    based_on_version = models.PositiveIntegerField()
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "user"], name="one_draft_per_editor"
            )
        ]

    def __str__(self):
        return f"Draft of “{self.entry}” by {self.user}"

    def differs_from(self, publishable):
        return (self.title, self.summary, self.body) != (
            publishable.title,
            publishable.summary,
            publishable.body,
        )


class PresenceQuerySet(models.QuerySet):
    def current(self):
        return self.filter(seen_at__gt=timezone.now() - PRESENCE_TIMEOUT)


class Presence(models.Model):
    """An editor with a form open, as its page last called in."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)
    taken_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    objects = PresenceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "user"], name="one_presence_per_editor"
            )
        ]

    def __str__(self):
        return f"{self.user} on “{self.entry}”"


class LinkCheckQuerySet(models.QuerySet):
    def broken(self):
        return self.filter(ok=False)


class LinkCheck(models.Model):
    """The last check of one link in an article's or page's body."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="link_checks", verbose_name="on"
    )
    url = models.CharField("address", max_length=2000)
    internal = models.BooleanField(help_text="A link to a page of this site.")
    ok = models.BooleanField()
    status = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The HTTP status answered, if any."
    )
    problem = models.CharField(max_length=300, blank=True)
    checked_at = models.DateTimeField(default=timezone.now)

    objects = LinkCheckQuerySet.as_manager()

    class Meta:
        ordering = ("ok", "-checked_at")
        constraints = [
            models.UniqueConstraint(fields=["entry", "url"], name="one_check_per_link")
        ]

    def __str__(self):
        return self.url


class AuditResult(models.Model):
    """The checks an article or page failed when last saved, for the dashboard."""

    entry = models.OneToOneField(
        Entry, on_delete=models.CASCADE, related_name="audit_result"
    )
    failures = models.JSONField(default=list, help_text="Messages of failed checks.")
    checked_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Checks of “{self.entry}”"
