import logging
import signal
import sys
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from jobs.conf import settings
from jobs.models import PeriodicJob

logger = logging.getLogger(__name__)


def _stop(signum, frame):
    sys.exit(128 + signum)


@contextmanager
def sigterm_stops():
    """SIGTERM ends the run as Ctrl-C does, so the job in hand is given back."""
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Command(BaseCommand):
    help = (
        "Run the periodic jobs that are due (PERIODIC_JOBS), once per cluster: "
        "every server may run this from cron each few minutes, and each job "
        "runs on the first server to claim its period. A job that fails is "
        "retried at the next run, and the jobs after it run all the same."
    )

    def handle(self, **options):
        with sigterm_stops():
            failed = [
                name
                for name, period in settings.PERIODIC_JOBS.items()
                if not self.run(name, period=period)
            ]
        if failed:
            raise CommandError(
                f"Failed, to be retried at the next run: {', '.join(failed)}."
            )

    def run(self, name, *, period):
        """Run the job if this runner can claim it; False if it failed."""
        lease = settings.PERIODIC_JOBS_LEASE
        holder = PeriodicJob.objects.claim(name, lease=lease)
        if holder is None:
            if PeriodicJob.objects.done_for_period(name):
                self.stdout.write(f"{name}: already run in this period")
            else:
                self.stdout.write(f"{name}: held by another runner")
            return True
        self.stdout.write(f"{name}: running")
        finished = False
        try:
            call_command(name, stdout=self.stdout, stderr=self.stderr)
            finished = True
        except Exception:
            logger.exception("Periodic job %s failed; the next run retries it.", name)
        finally:
            # Also when stopped (Ctrl-C, SIGTERM): the job is due for the next run.
            if finished:
                PeriodicJob.objects.finish(name, holder=holder, period=period)
            else:
                PeriodicJob.objects.release(name, holder=holder)
        return finished
