"""Side effects of article changes that other parts of the site rely on."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse

from articles.models import Article, Status
from articles.share_images import share_image_key, share_kicker
from seo.redirects import page_gone, page_moved
from seo.social import ensure_share_image


def article_path(slug):
    return reverse("articles:detail", kwargs={"slug": slug})


@receiver(pre_save, sender=Article)
def remember_published_slug(sender, instance, **kwargs):
    """Note the address readers knew, so a new slug can redirect from it."""
    previous = (
        Article.objects.filter(pk=instance.pk, status=Status.PUBLISHED)
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
        page_moved(article_path(old_slug), instance.get_absolute_url())
    if not raw:
        ensure_share_image(
            key=share_image_key(instance),
            title=instance.title,
            kicker=share_kicker(instance),
        )


@receiver(post_delete, sender=Article)
def mark_deleted_article_gone(sender, instance, **kwargs):
    """A deleted article that readers may have seen answers 410 Gone for good."""
    if instance.status == Status.PUBLISHED:
        page_gone(instance.get_absolute_url())
