from django.core.management.base import BaseCommand

from subscriptions.tasks import send_new_articles


class Command(BaseCommand):
    help = (
        "Queue the mail of articles that went live to their subscribers: "
        "scheduled articles go live by the clock, with no save to announce them. "
        "Run every few minutes (PERIODIC_JOBS)."
    )

    def handle(self, **options):
        send_new_articles.enqueue()
        self.stdout.write("New articles: mail queued.")
