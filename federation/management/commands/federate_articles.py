from django.core.management.base import BaseCommand

from federation.conf import settings
from federation.syndication import out_of_step, sync


class Command(BaseCommand):
    help = (
        "Send the fediverse what the clock changed: scheduled articles that "
        "went live (Create) and articles that expired (Delete)."
    )

    def handle(self, **options):
        if not settings.FEDERATION_ENABLED:
            return
        entries = out_of_step()
        for entry_id in entries:
            sync.enqueue(entry_id)
        self.stdout.write(f"{len(entries)} article(s) queued for the fediverse.")
