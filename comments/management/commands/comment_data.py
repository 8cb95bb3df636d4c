import json

from django.core.management.base import BaseCommand

from comments.privacy import erase_data, export_data


class Command(BaseCommand):
    help = "Export (as JSON) or erase everything stored for one email address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, *, action, email, **options):
        if action == "export":
            self.stdout.write(json.dumps(export_data(email), indent=2))
        else:
            deleted, anonymised, others = erase_data(email)
            self.stdout.write(
                f"Erased data of {email}: {deleted} comment(s) deleted, "
                f"{anonymised} anonymised because others replied to them."
            )
            for name, count in others.items():
                self.stdout.write(f"{name}: {count} erased.")
