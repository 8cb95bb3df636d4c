from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.urls import reverse

from articles.markdown import render_markdown
from library.models import Image
from library.tasks import image_ready
from pagecache.changes import changed
from pages.models import Page
from seo.redirects import page_gone, page_moved
from seo.social import ensure_share_image, site_kicker, with_card_digest


@receiver(pre_delete, sender=Page)
def mark_deleted(sender, instance, **kwargs):
    """A deleted page's links go too: its purge tags need to know."""
    instance._deleted = True


@receiver(pre_save, sender=Page)
def remember_published_address(sender, instance, **kwargs):
    """Note the address readers knew, so a new slug can redirect from it."""
    old = (
        Page.objects.published()
        .filter(pk=instance.pk)
        .values_list("path", flat=True)
        .first()
        if instance.pk
        else None
    )
    instance._published_url = (
        reverse("pages:detail", kwargs={"path": old}) if old else None
    )


@receiver(post_save, sender=Page)
def follow_page_changes(sender, instance, raw=False, **kwargs):
    old = getattr(instance, "_published_url", None)
    if old and old != instance.get_absolute_url():
        page_moved(old, instance.get_absolute_url())
    if not raw:
        draw_share_card(instance)


def draw_share_card(page):
    ensure_share_image(key=page.share_image_key, title=page.title, kicker=site_kicker())


def draw_missing_share_cards(sender, using, **kwargs):
    """After migrate, pages that data migrations made have their cards too."""
    for page in with_card_digest(Page.objects.using(using), "page").filter(
        card_digest__isnull=True
    ):
        draw_share_card(page)


@receiver(post_delete, sender=Page)
def mark_deleted_page_gone(sender, instance, **kwargs):
    """A deleted page that readers may have seen answers 410 Gone for good."""
    if instance.is_published:
        page_gone(instance.get_absolute_url())


@receiver(image_ready, sender=Image)
def render_again_with_image(sender, image, **kwargs):
    """Bodies are rendered on save: renew those showing a changed image."""
    shows = rf"\]\(<?image:{image.pk}[>)[:space:]]"
    for page in Page.objects.filter(body__regex=shows):
        html = render_markdown(page.body).html
        if html != page.body_html:
            Page.objects.filter(pk=page.pk).update(body_html=html)
            changed(page.purge_tags)
