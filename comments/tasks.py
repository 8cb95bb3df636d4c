from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django_tasks import task

from comments.models import Comment

PERMISSION = Q(groups__permissions__codename="moderate_comment") | Q(
    user_permissions__codename="moderate_comment"
)


def moderator_emails():
    users = get_user_model().objects.filter(
        Q(is_superuser=True) | PERMISSION, is_active=True
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


@task()
def notify_moderators(comment_id):
    """Tell moderators a comment waits for them; runs in the task worker."""
    comment = Comment.objects.select_related("article").get(pk=comment_id)
    recipients = moderator_emails()
    if not recipients:
        return
    admin_url = reverse("admin:comments_comment_change", args=[comment.pk])
    send_mail(
        subject=f"Comment awaiting moderation on “{comment.article.title}”",
        message=(
            f"{comment.name} commented on “{comment.article.title}”.\n"
            f"Reason held: {comment.moderation_reason}\n\n"
            f"{comment.body}\n\n"
            f"Review it: {settings.SITE_URL}{admin_url}\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )
