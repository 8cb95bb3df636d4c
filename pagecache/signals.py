"""Whenever something pages show changes, the pages showing it are renewed.

Only models that declare ``purge_tags()`` take part (tags.py): a save or
delete of anything else (a draft, a presence, a session, a task) leaves
every cached page where it is.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from pagecache import tags
from pagecache.changes import changed


@receiver(post_save)
def saved(sender, instance, raw=False, **kwargs):
    if raw or not _shown(sender, instance):
        return
    changed(instance.purge_tags, at_once=getattr(instance, "purge_at_once", False))


@receiver(post_delete)
def deleted(sender, instance, **kwargs):
    if _shown(sender, instance):
        changed(instance.purge_tags, at_once=True)


@receiver(m2m_changed)
def related(sender, instance, action, model, pk_set, **kwargs):
    """An article joins or leaves topics: pages of both sides are stale."""
    if not action.startswith("post_") or not tags.declares_tags(type(instance)):
        return
    shown = tags.declares_tags(model)
    others = {tags.tag_for(model, pk) for pk in pk_set or ()} if shown else set()
    changed(lambda: set(instance.purge_tags()) | others)


def _shown(model, instance):
    # e.g. a comment held for moderation shows nowhere yet
    return tags.declares_tags(model) and getattr(instance, "shown_on_pages", True)
