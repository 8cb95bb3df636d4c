"""Import a WordPress export: posts, pages, comments, images and every old
address; or undo an import, or list its redirects."""

import csv
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wordpress.models import ImportRun, RunStatus
from wordpress.progress import Progress, bar
from wordpress.runs import finish_run, redirects_of
from wordpress.sources import SourceError, files_in
from wordpress.undo import undo_run


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export, all content): an .xml "
        "file, a .zip of them or a folder of them. --undo RUN takes an import "
        "back out; --redirects RUN writes its redirects as CSV."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source", nargs="?", help="An .xml file, a .zip or a folder."
        )
        parser.add_argument(
            "--dry-run", action="store_true",
            help="Write nothing; print what the import would do.",
        )  # fmt: skip
        parser.add_argument(
            "--uploads", metavar="DIR",
            help="A copy of the old site's wp-content/uploads, for its files.",
        )  # fmt: skip
        parser.add_argument(
            "--no-media", action="store_true",
            help="Do not fetch files from the old site (by default, those not in "
            "--uploads are fetched while it is online: time- and size-limited, "
            "never from a private address).",
        )  # fmt: skip
        parser.add_argument(
            "--with-pings", action="store_true",
            help="Keep pingbacks and trackbacks as comments (left out by default).",
        )  # fmt: skip
        parser.add_argument(
            "--undo", metavar="RUN", type=int,
            help="Remove what import RUN created and put back what it changed, "
            "except what was edited here since (listed).",
        )  # fmt: skip
        parser.add_argument(
            "--redirects", metavar="RUN", type=int,
            help="Write the redirects import RUN stored, as CSV, to standard output.",
        )  # fmt: skip

    def handle(self, *, source, undo, redirects, **options):
        if undo is not None:
            return self.undo(undo)
        if redirects is not None:
            return self.write_redirects(redirects)
        if not source:
            raise CommandError("Name an export to import, or --undo RUN.")
        try:
            names = files_in(source)
        except SourceError as error:
            raise CommandError(str(error)) from error
        self.run_import(source, names, **options)

    def run_import(self, source, names, *, dry_run, uploads, no_media, with_pings, **_):
        run = None
        if not dry_run:
            run = ImportRun.objects.create(
                file_name=Path(source).name[:200], dry_run=False, with_pings=with_pings,
                fetch_media=not no_media, status=RunStatus.RUNNING,
                started_at=timezone.now(),
            )  # fmt: skip
        report = finish_run(
            run, source, names, dry_run=dry_run, uploads=uploads,
            with_pings=with_pings, with_media=not no_media,
            progress=Progress(self.show_progress),
        )  # fmt: skip
        self.stderr.write("")
        self.stdout.write(str(report))
        if run is not None:
            self.stdout.write(
                f"This was import {run.pk}: `manage.py import_wordpress --redirects "
                f"{run.pk} > redirects.csv` lists its redirects, `--undo {run.pk}` "
                "takes it back out."
            )
        if report.errors:
            raise CommandError("Some of the export was not imported; see above.")

    def show_progress(self, done, total, left):
        ending = "\r" if sys.stderr.isatty() and done < total else "\n"
        self.stderr.write(bar(done, total, left), ending=ending)
        self.stderr.flush()

    def undo(self, pk):
        run = ImportRun.objects.filter(pk=pk).first()
        if run is None:
            raise CommandError(f"There is no import {pk}.")
        try:
            self.stdout.write(undo_run(run))
        except ValueError as error:
            raise CommandError(str(error)) from error

    def write_redirects(self, pk):
        run = ImportRun.objects.filter(pk=pk).first()
        if run is None:
            raise CommandError(f"There is no import {pk}.")
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerows(redirects_of(run))
