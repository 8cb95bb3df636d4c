"""When each periodic job is due, and which runner holds it now.

Every server may run ``manage.py run_jobs`` from cron. A runner takes a due
job with a lease, in one UPDATE that PostgreSQL serialises on the job's row,
so two runners starting at the same second cannot both take it. The lease
ends when the job does: a success makes it due a period after it started; a
failure leaves it due, for the next run to retry. A runner that dies holding
a lease (killed, its server lost) keeps the job until the lease expires.
"""

import uuid
from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone


class PeriodicJobQuerySet(models.QuerySet):
    def claim(self, name, *, lease):
        """Take the job ``name`` for ``lease`` seconds if it is due and free;
        the holder's token, or None when it is not due or held elsewhere."""
        now, holder = timezone.now(), uuid.uuid4()
        self.bulk_create([PeriodicJob(name=name, due_at=now)], ignore_conflicts=True)
        free = Q(leased_until__isnull=True) | Q(leased_until__lte=now)
        taken = self.filter(free, name=name, due_at__lte=now).update(
            holder=holder,
            started_at=now,
            leased_until=now + timedelta(seconds=lease),
        )
        return holder if taken else None

    def finish(self, name, *, holder, period):
        """The holder ran it: due again ``period`` seconds after it started."""
        self.filter(name=name, holder=holder).update(
            due_at=models.F("started_at") + timedelta(seconds=period),
            holder=None,
            leased_until=None,
        )

    def release(self, name, *, holder):
        """The holder did not finish it: still due, for the next run."""
        self.filter(name=name, holder=holder).update(holder=None, leased_until=None)

    def done_for_period(self, name):
        return self.filter(name=name, due_at__gt=timezone.now()).exists()


class PeriodicJob(models.Model):
    name = models.CharField(max_length=100, primary_key=True)
    due_at = models.DateTimeField(help_text="When its next period starts.")
    started_at = models.DateTimeField(null=True, blank=True)
    holder = models.UUIDField(
        null=True, blank=True, help_text="The runner that has it now, if any."
    )
    leased_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Its runner has it until then, after which another may "
        "take it (a runner that died mid-job never gives it back).",
    )

    objects = PeriodicJobQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(holder__isnull=True, leased_until__isnull=True)
                | Q(holder__isnull=False, leased_until__isnull=False),
                name="periodic_job_holder_has_lease",
            )
        ]

    def __str__(self):
        return self.name
