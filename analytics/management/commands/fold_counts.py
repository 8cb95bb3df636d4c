from django.core.management.base import BaseCommand

from analytics.fold import fold


class Command(BaseCommand):
    help = (
        "Fold the reading counts the workers left in the shared cache into "
        "daily rows, and close the days that are over (their visitor keys and "
        "salt deleted)."
    )

    def handle(self, **options):
        if fold():
            self.stdout.write("Reading counts folded.")
        else:
            self.stdout.write("Another fold is running: nothing done.")
