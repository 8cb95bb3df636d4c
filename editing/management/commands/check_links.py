from django.core.management.base import BaseCommand

from editing.links import check_internal_links
from editing.tasks import check_entry_links
from publishing.models import publishable_models


class Command(BaseCommand):
    help = (
        "Check the links of everything published: internal ones now, "
        "external ones in the task worker (see Editing → Link checks)."
    )

    def handle(self, **options):
        checked = 0
        for model in publishable_models():
            for publishable in model.objects.published().only("entry", "body_html"):
                check_internal_links(publishable)
                check_entry_links.enqueue(publishable.entry_id)
                checked += 1
        self.stdout.write(f"Checking the links of {checked} article(s) and page(s).")
