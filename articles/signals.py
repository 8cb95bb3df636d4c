"""Side effects of article changes that other parts of the site rely on."""

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.db.models.signals import post_delete
from django.dispatch import receiver

from articles.models import Article, Status


@receiver(post_delete, sender=Article)
def mark_deleted_article_gone(sender, instance, **kwargs):
    """A deleted article that readers may have seen answers 410 Gone for good."""
    if instance.status != Status.PUBLISHED:
        return
    Redirect.objects.update_or_create(
        site_id=settings.SITE_ID,
        old_path=instance.get_absolute_url(),
        defaults={"new_path": ""},
    )
