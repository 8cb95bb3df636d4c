from django.conf import settings
from django.core.management.base import BaseCommand

from comments.privacy import apply_retention


class Command(BaseCommand):
    help = (
        "Drop IP addresses and user agents of old comments and delete old spam "
        "and removed comments (COMMENTS_RETENTION_DAYS). Run daily."
    )

    def handle(self, **options):
        scrubbed, deleted = apply_retention()
        self.stdout.write(
            f"Retention ({settings.COMMENTS_RETENTION_DAYS} days): "
            f"{scrubbed} comment(s) scrubbed, {deleted} deleted."
        )
