from django.db.models.signals import pre_delete
from django.dispatch import receiver

from pages.models import Page


@receiver(pre_delete, sender=Page)
def mark_deleted(sender, instance, **kwargs):
    """A deleted page's links go too: its purge tags need to know."""
    instance._deleted = True
