from django.core.management.base import BaseCommand

from comments.conf import settings
from comments.privacy import apply_retention, expire_unconfirmed


class Command(BaseCommand):
    help = (
        "Drop IP addresses and user agents of old comments and delete old spam "
        "and removed comments (COMMENTS_RETENTION_DAYS); delete comments never "
        "confirmed in time (COMMENTS_CONFIRM_HOURS), expired links, and reply "
        "subscriptions of erased or unconfirmed addresses. Run daily."
    )

    def handle(self, **options):
        scrubbed, deleted = apply_retention()
        self.stdout.write(
            f"Retention ({settings.COMMENTS_RETENTION_DAYS} days): "
            f"{scrubbed} comment(s) scrubbed, {deleted} deleted."
        )
        unconfirmed, links, subscriptions = expire_unconfirmed()
        self.stdout.write(
            f"Unconfirmed ({settings.COMMENTS_CONFIRM_HOURS} hours): "
            f"{unconfirmed} comment(s) deleted, {links} expired link(s) deleted, "
            f"{subscriptions} reply subscription(s) deleted."
        )
