from django.core.management import call_command
from django.core.management.base import BaseCommand

from jobs.conf import settings
from ratelimits.models import consume


class Command(BaseCommand):
    help = (
        "Run the periodic jobs that are due (PERIODIC_JOBS), once per cluster: "
        "every server may run this from cron each few minutes, and each job "
        "runs on the first server to claim its period."
    )

    def handle(self, **options):
        for command, period in settings.PERIODIC_JOBS.items():
            # The claim is one atomic counter shared by every server, so two
            # servers that start at the same second cannot both win it.
            if consume("jobs", command, limit=1, window=period):
                self.stdout.write(f"{command}: running")
                call_command(command, stdout=self.stdout, stderr=self.stderr)
            else:
                self.stdout.write(f"{command}: already run in this period")
