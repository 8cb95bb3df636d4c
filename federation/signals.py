"""Hooks into publishing and comments: each article's changes reach the
fediverse (federation/syndication.py), and a reply the site writes to a
fediverse comment reaches its author. All of it after the change commits,
in the task worker."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from articles.models import Article
from comments.models import Comment, Source, Status
from federation import syndication
from federation.conf import settings
from federation.conversation import send_reply
from federation.models import Publication


@receiver(post_save, sender=Article)
def article_saved(sender, instance, raw=False, **kwargs):
    if raw or not settings.FEDERATION_ENABLED or instance.entry_id is None:
        return
    entry_id = instance.entry_id
    transaction.on_commit(lambda: syndication.sync.enqueue(entry_id))


@receiver(m2m_changed, sender=Article.topics.through)
def topics_changed(sender, instance, action, **kwargs):
    """Its hashtags are its topics: an Update when they change."""
    if action.startswith("post_") and isinstance(instance, Article):
        article_saved(Article, instance)


@receiver(pre_delete, sender=Article)
def remember_publication(sender, instance, **kwargs):
    instance._publication = Publication.objects.filter(
        entry_id=instance.entry_id, deleted_at__isnull=True
    ).first()


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    publication = getattr(instance, "_publication", None)
    if publication is not None and settings.FEDERATION_ENABLED:
        transaction.on_commit(
            lambda: syndication.withdraw_deleted.enqueue(publication.pk)
        )


@receiver(post_save, sender=Comment)
def site_replied(sender, instance, created, raw=False, **kwargs):
    """The site answered a fediverse comment: the answer goes to its author."""
    if raw or not created or not settings.FEDERATION_ENABLED:
        return
    parent = instance.parent
    if (
        instance.is_staff_reply
        and instance.status == Status.APPROVED
        and parent is not None
        and parent.source == Source.FEDIVERSE
    ):
        pk = instance.pk
        transaction.on_commit(lambda: send_reply.enqueue(pk))
