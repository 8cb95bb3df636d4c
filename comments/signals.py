"""Keep each article's and page's published-comment count in step with its comments,
and tell subscribed authors of replies as they are published."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from comments.counts import recount
from comments.models import Comment, Status
from comments.tasks import mail_replies


@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Comment)
def count_published_comments(sender, instance, raw=False, signal=None, **kwargs):
    if not raw and instance.shown_on_pages:
        added = signal is post_save and instance.newly_shown
        recount([instance.entry_id], at_once=not added)


@receiver(post_save, sender=Comment)
def reply_published(sender, instance, raw=False, **kwargs):
    # Bulk approval in the admin sends no signal: it calls mail_replies itself.
    if not raw and instance.parent_id and instance.status == Status.APPROVED:
        mail_replies(Comment.objects.filter(pk=instance.pk))
