from django_tasks import task

from editing.links import check_external_links
from publishing.models import Entry


@task()
def check_entry_links(entry_id):
    """Check the external links of an article or page; runs in the task worker."""
    entry = Entry.objects.filter(pk=entry_id).first()
    publishable = entry.target if entry else None
    if publishable is not None:  # deleted since
        check_external_links(publishable)
