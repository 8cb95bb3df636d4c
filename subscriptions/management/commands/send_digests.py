from django.core.management.base import BaseCommand

from subscriptions.tasks import send_digests


class Command(BaseCommand):
    help = "Queue the weekly digest for its subscribers. Run weekly (PERIODIC_JOBS)."

    def handle(self, **options):
        send_digests.enqueue()
        self.stdout.write("Weekly digest: mail queued.")
