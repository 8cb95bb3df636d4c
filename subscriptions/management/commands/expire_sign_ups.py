from django.core.management.base import BaseCommand

from subscriptions.privacy import expire_sign_ups


class Command(BaseCommand):
    help = (
        "Delete email sign-ups never confirmed whose link has expired "
        "(48 hours). Run daily."
    )

    def handle(self, **options):
        self.stdout.write(f"Sign-ups: {expire_sign_ups()} unconfirmed deleted.")
