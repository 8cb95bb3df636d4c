"""One set of handlers for every kind of publishable content.

A live address that moves redirects (each of its addresses to the new one);
one taken down for good answers 410 Gone; the library images a body shows
are recorded, so they cannot be deleted while shown, and a body is rendered
again once its images have their renditions; each gets its share card.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from library.markup import library_id
from library.models import Image
from library.tasks import image_ready, render_again_once_ready
from pagecache.changes import changed
from publishing.markdown import images_in, render_markdown
from publishing.models import Entry, ImageUse, Publishable, Status
from seo.redirects import page_gone, page_moved
from seo.social import ensure_share_image, with_card_digest


def _publishable(sender):
    return issubclass(sender, Publishable) and not sender._meta.abstract


@receiver(pre_save)
def remember_known_address(sender, instance, **kwargs):
    """Note the address readers may know, so a new slug can redirect from it."""
    if not _publishable(sender):
        return
    known = sender.objects.seen().filter(pk=instance.pk) if instance.pk else None
    instance._known_key = (
        known.values_list(sender.address_field, flat=True).first() if known else None
    )


@receiver(post_save)
def follow_changes(sender, instance, raw=False, **kwargs):
    if raw or not _publishable(sender):
        return
    old_key = getattr(instance, "_known_key", None)
    if old_key and old_key != instance.address_key:
        for old, new in zip(
            instance.addresses(old_key), instance.addresses(), strict=True
        ):
            page_moved(old, new)
    draw_share_card(instance)
    record_image_uses(instance)
    render_again_once_ready(getattr(instance, "_waiting_images", ()))


def draw_share_card(publishable):
    ensure_share_image(
        key=publishable.share_image_key,
        title=publishable.title,
        kicker=publishable.share_kicker(),
    )


def record_image_uses(publishable):
    """The library images its body shows, kept from deletion while shown."""
    shown = {
        library_id(str(image.attrs["src"])) for image in images_in(publishable.body)
    }
    images = set(
        Image.objects.filter(pk__in=shown - {None}).values_list("pk", flat=True)
    )
    uses = ImageUse.objects.filter(entry_id=publishable.entry_id)
    uses.exclude(image_id__in=images).delete()
    known = set(uses.values_list("image_id", flat=True))
    ImageUse.objects.bulk_create(
        ImageUse(entry_id=publishable.entry_id, image_id=pk) for pk in images - known
    )


@receiver(post_delete)
def gone_for_good(sender, instance, **kwargs):
    """A deleted publishable readers may have seen answers 410 Gone for good;
    what attached to it (comments, image uses, drafts) goes with its entry."""
    if not _publishable(sender):
        return
    if instance.status == Status.PUBLISHED or instance.withdrawn_at:
        for address in instance.addresses():
            page_gone(address)
    if instance.entry_id:
        Entry.objects.filter(pk=instance.entry_id).delete()


@receiver(image_ready, sender=Image)
def render_again_with_image(sender, image, **kwargs):
    """Bodies are rendered on save: renew those showing a changed image."""
    for use in ImageUse.objects.filter(image=image).select_related("entry"):
        publishable = use.entry.target
        if publishable is None:
            continue
        html = render_markdown(publishable.body).html
        if html != publishable.body_html:
            type(publishable).objects.filter(pk=publishable.pk).update(body_html=html)
            changed(publishable.purge_tags)


def draw_missing_share_cards(sender, using, **kwargs):
    """After migrate, content that data migrations made has its card too."""
    for model in apps.get_models():
        if not _publishable(model):
            continue
        prefix = model._meta.model_name
        for publishable in with_card_digest(model.objects.using(using), prefix).filter(
            card_digest__isnull=True
        ):
            draw_share_card(publishable)
