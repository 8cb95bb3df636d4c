"""Where in the admin an article or page (or the entry of one) is edited."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from publishing.models import Entry


def edit_url(item):
    """The change form of a publishable, or of an entry's publishable."""
    if isinstance(item, Entry):
        model = ContentType.objects.get_for_id(item.content_type_id).model_class()
        pk = item.object_id
    else:
        model, pk = type(item), item.pk
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
