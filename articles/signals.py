"""Side effects of article changes that other parts of the site rely on."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from articles.markdown import images_in, render_markdown
from articles.models import Article, Status
from articles.share_images import share_image_key, share_kicker
from library.markup import library_id
from library.models import Image
from library.tasks import image_ready
from pagecache.changes import changed
from seo.redirects import page_gone, page_moved
from seo.social import ensure_share_image


@receiver(pre_save, sender=Article)
def remember_published_slug(sender, instance, **kwargs):
    """Note the address readers knew, so a new slug can redirect from it."""
    seen = Q(status=Status.PUBLISHED) | Q(withdrawn_at__isnull=False)
    previous = (
        Article.objects.filter(seen, pk=instance.pk)
        .values_list("slug", flat=True)
        .first()
        if instance.pk
        else None
    )
    instance._published_slug = previous


@receiver(post_save, sender=Article)
def follow_article_changes(sender, instance, raw=False, **kwargs):
    old_slug = getattr(instance, "_published_slug", None)
    if old_slug and old_slug != instance.slug:
        for old, new in zip(
            instance.addresses(old_slug), instance.addresses(), strict=True
        ):
            page_moved(old, new)
    if not raw:
        ensure_share_image(
            key=share_image_key(instance),
            title=instance.title,
            kicker=share_kicker(instance),
        )
        shown = {
            library_id(str(image.attrs["src"])) for image in images_in(instance.body)
        }
        instance.library_images.set(Image.objects.filter(pk__in=shown - {None}))


@receiver(image_ready, sender=Image)
def render_again_with_image(sender, image, **kwargs):
    """Bodies are rendered on save: renew those showing a changed image."""
    for article in image.articles.all():
        html = render_markdown(article.body).html
        if html != article.body_html:
            Article.objects.filter(pk=article.pk).update(body_html=html)
            changed(article.purge_tags)


@receiver(post_delete, sender=Article)
def mark_deleted_article_gone(sender, instance, **kwargs):
    """A deleted article that readers may have seen answers 410 Gone for good."""
    if instance.status == Status.PUBLISHED or instance.withdrawn_at:
        for address in instance.addresses():
            page_gone(address)
