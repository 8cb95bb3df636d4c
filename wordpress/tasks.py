from django.db import transaction
from django.utils import timezone
from django_tasks import task

from wordpress.importer import run_import
from wordpress.models import ImportRun, RunStatus
from wordpress.sources import SourceError, files_in


@task()
def import_upload(run_id):
    """Import an export uploaded in the admin, then delete the file."""
    run = ImportRun.objects.get(pk=run_id)
    run.status = RunStatus.RUNNING
    run.save(update_fields=["status"])
    path = run.upload_path
    try:
        report = run_import(
            path, files_in(path), dry_run=run.dry_run, with_pings=run.with_pings
        )
        run.report = str(report)
        run.status = RunStatus.FAILED if report.errors else RunStatus.DONE
    except SourceError as error:
        run.report, run.status = str(error), RunStatus.FAILED
    finally:
        path.unlink(missing_ok=True)
        run.finished_at = timezone.now()
        with transaction.atomic():
            run.save(update_fields=["report", "status", "finished_at"])
