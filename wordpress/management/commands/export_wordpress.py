"""Write the site as a WordPress export (WXR 1.2)."""

from django.core.management.base import BaseCommand

from wordpress.exporter import export


class Command(BaseCommand):
    help = (
        "Write articles, pages, topics, authors and approved comments as a "
        "WordPress export (WXR 1.2), to a file or to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="The file to write (else stdout).")
        parser.add_argument(
            "--with-emails",
            action="store_true",
            help="Include commenters' email addresses (left out by default).",
        )

    def handle(self, *, output, with_emails, **options):
        if output is None:
            export(Stdout(self.stdout), with_emails=with_emails)
            return
        with open(output, "w", encoding="utf-8") as file:
            export(file, with_emails=with_emails)
        self.stderr.write(f"Wrote {output}.")


class Stdout:
    """The command's output, written as it comes, without added line ends."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text):
        self.wrapper.write(text, ending="")
