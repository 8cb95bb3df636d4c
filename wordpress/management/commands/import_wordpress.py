"""Import a WordPress export: posts, pages, comments and every old address."""

from django.core.management.base import BaseCommand, CommandError

from wordpress.importer import run_import
from wordpress.sources import SourceError, files_in


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export, all content): an .xml "
        "file, a .zip of them or a folder of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="An .xml file, a .zip or a folder.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Write nothing; print what the import would do.",
        )
        parser.add_argument(
            "--uploads",
            metavar="DIR",
            help="A copy of the old site's wp-content/uploads, for its images.",
        )
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help="Fetch images not in --uploads from the old site's addresses "
            "(time- and size-limited; never from a private address).",
        )
        parser.add_argument(
            "--with-pings",
            action="store_true",
            help="Keep pingbacks and trackbacks as comments (left out by default).",
        )

    def handle(self, *, source, dry_run, uploads, fetch_media, with_pings, **options):
        try:
            names = files_in(source)
        except SourceError as error:
            raise CommandError(str(error)) from error
        report = run_import(
            source, names, dry_run=dry_run, uploads=uploads, with_pings=with_pings,
            fetch_media=fetch_media,
        )  # fmt: skip
        self.stdout.write(str(report))
        if report.errors:
            raise CommandError("The export could not be read whole; see above.")
