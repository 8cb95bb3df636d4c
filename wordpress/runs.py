"""An import run from start to end, and the redirects it stored, as CSV rows."""

from itertools import islice
from pathlib import Path

from django.contrib.redirects.models import Redirect
from django.db import transaction
from django.utils import timezone

from wordpress.conf import settings
from wordpress.importer import run_import
from wordpress.models import EntryKind, RunStatus

CSV_HEADER = ("old address", "new address")


def finish_run(run, source, names, *, dry_run, **options):
    """Import, and keep on the run (if any) its report and how it ended; a
    run that stops on an error ends as failed, with its reason."""
    try:
        report = run_import(source, names, run=run, dry_run=dry_run, **options)
    except Exception as error:
        if run is not None:
            run.report = f"The import stopped: {error.__class__.__name__}: {error}"
            run.summary = {"heading": run.report}
            run.status, run.finished_at = RunStatus.FAILED, timezone.now()
            run.save()
        raise
    uploaded = Path(source).name  # an upload's own name is the owner's
    if run is not None:
        report.files = [run.file_name if f == uploaded else f for f in report.files]
        run.site = report.site[:200]
        run.report, run.summary = str(report), report.as_dict()
        run.status = RunStatus.FAILED if report.errors else RunStatus.DONE
        run.finished_at = timezone.now()
        with transaction.atomic():
            run.save()
    return report


def redirects_of(run):
    """The header, then (old address, where it leads now) for each redirect
    the run stored; "410 Gone" where it leads nowhere."""
    yield CSV_HEADER
    entries = run.entries.filter(kind=EntryKind.REDIRECT).order_by("pk")
    for batch in batches(entries.values_list("key", flat=True).iterator(), 500):
        found = dict(
            Redirect.objects.filter(
                site_id=settings.SITE_ID, old_path__in=batch
            ).values_list("old_path", "new_path")
        )
        for old in batch:
            if old in found:
                yield old, found[old] or "410 Gone"


def batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch
