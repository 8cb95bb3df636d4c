"""A new or changed library image gets its renditions, and the pages showing it
their HTML again, from the task worker; a deleted one takes its files along."""

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from library.models import Image
from library.tasks import prepare_image


@receiver(post_save, sender=Image)
def image_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        transaction.on_commit(lambda: prepare_image.enqueue(instance.pk))


@receiver(post_delete, sender=Image)
def image_deleted(sender, instance, **kwargs):
    names = instance.stored_names()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
