"""Start a new page-cache generation whenever something pages show changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from pagecache.generation import changed

# What pages never show: bookkeeping of sessions, logins, counters and tasks.
UNSHOWN_APPS = {
    "admin", "auth", "contenttypes", "sessions", "ratelimits",
    "django_tasks_database", "reversion",
}  # fmt: skip


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def content_changed(sender, raw=False, instance=None, **kwargs):
    if raw or sender._meta.app_label in UNSHOWN_APPS:
        return
    if not getattr(instance, "shown_on_pages", True):
        return  # e.g. a comment held for moderation
    changed()
