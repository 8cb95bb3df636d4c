"""Whenever something pages show changes, the pages showing it are renewed."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from pagecache import tags
from pagecache.changes import changed

# What pages never show: bookkeeping of sessions, logins, second factors,
# counters and tasks.
UNSHOWN_APPS = {
    "admin", "auth", "axes", "contenttypes", "sessions", "ratelimits",
    "django_tasks_database", "reversion", "otp_totp", "otp_static",
}  # fmt: skip


@receiver(post_save)
@receiver(post_delete)
def content_changed(sender, instance, raw=False, **kwargs):
    if raw or sender._meta.app_label in UNSHOWN_APPS:
        return
    if not getattr(instance, "shown_on_pages", True):
        return  # e.g. a comment held for moderation
    changed(lambda: tags.of_change(instance))


@receiver(m2m_changed)
def relation_changed(sender, instance, action, model, pk_set, **kwargs):
    """An article joins or leaves topics: pages of both sides are stale."""
    if sender._meta.app_label in UNSHOWN_APPS or not action.startswith("post_"):
        return
    related = {tags.tag_for(model, pk) for pk in pk_set or ()}
    changed(lambda: tags.of_change(instance) | related)
