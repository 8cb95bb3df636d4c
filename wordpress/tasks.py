import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from wordpress.models import ImportRun, RunStatus
from wordpress.progress import Progress
from wordpress.runs import finish_run
from wordpress.sources import SourceError, files_in
from wordpress.undo import undo_run
from wordpress.waiting import discard, progress_path, write_progress

logger = logging.getLogger(__name__)


@task()
def import_upload(run_id):
    """Import an export uploaded in the admin.

    The upload is deleted once a real import has gone through; after a dry
    run, or a failure, it waits for the owner (import for real, or discard).
    Whatever stops the import ends the run as failed, with the reason.
    """
    run = ImportRun.objects.get(pk=run_id)
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])
    path = run.upload_path
    try:
        if path is None:
            raise SourceError("The uploaded file was discarded.")
        finish_run(
            run, path, files_in(path), dry_run=run.dry_run,
            with_pings=run.with_pings, with_media=run.fetch_media,
            progress=Progress(lambda *state: write_progress(run, *state)),
        )  # fmt: skip
    except SourceError as error:
        fail(run, str(error))
    except Exception:
        logger.exception("WordPress import %s stopped", run.pk)  # run says why
    progress_path(run).unlink(missing_ok=True)
    if run.status == RunStatus.DONE and not run.dry_run:
        discard(run)


def fail(run, reason):
    run.report, run.status = reason, RunStatus.FAILED
    run.summary = {"heading": reason}
    run.finished_at = timezone.now()
    with transaction.atomic():
        run.save(update_fields=["report", "summary", "status", "finished_at"])


@task()
def undo_import(run_id):
    """Undo an import, asked for in the admin."""
    run = ImportRun.objects.get(pk=run_id)
    if run.status in (RunStatus.UNDOING, RunStatus.UNDONE):
        return  # asked twice
    before, run.status = run.status, RunStatus.UNDOING
    run.save(update_fields=["status"])
    try:
        undo_run(run)
    except Exception as error:  # the run stays as it was, and says why
        logger.exception("Undoing WordPress import %s stopped", run.pk)
        run.status = before
        run.summary = {**run.summary, "undo": [f"Not undone: {error}"]}
        run.save(update_fields=["status", "summary"])
