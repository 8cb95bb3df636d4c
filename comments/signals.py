"""Keep each article's published-comment count in step with its comments."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from comments.models import Comment, recount


@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Comment)
def count_published_comments(sender, instance, raw=False, **kwargs):
    if not raw and instance.shown_on_pages:
        recount([instance.article_id])
