"""Each article's share image: the editor's upload, or a card drawn from its title."""

import textwrap

from django.conf import settings
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse

from seo import meta
from seo.models import ShareImage
from seo.social import HEIGHT, WIDTH


def share_image_key(article):
    return f"article-{article.pk}"


def share_kicker(article):
    if article.series_id:
        return article.series.title
    return textwrap.shorten(settings.SITE_DESCRIPTION, width=60, placeholder="…")


def with_share_image(articles):
    """Annotate the fingerprint of each article's drawn card, in the same query."""
    cards = ShareImage.objects.filter(
        key=Concat(Value("article-"), Cast(OuterRef("pk"), CharField()))
    )
    return articles.select_related("share_image").annotate(
        share_digest=Subquery(cards.values("digest")[:1])
    )


def library_share_image(article, image):
    """The library image cropped for sharing, or, until it is, the original."""
    alt = article.social_image_alt or image.alt_text or article.title
    if image.share_crop:
        return meta.Image(image.url_of(image.share_crop), WIDTH, HEIGHT, alt)
    return meta.Image(image.url, image.width, image.height, alt)


def article_image(article):
    """The uploaded social image, the one chosen from the library, or the card
    drawn from the title."""
    if article.social_image:
        # Served by the site whichever storage holds it (seo.views).
        name = article.social_image.name.removeprefix("social/")
        return meta.Image(
            reverse("seo:social_upload", kwargs={"name": name}),
            article.social_image_width,
            article.social_image_height,
            article.social_image_alt or article.title,
        )
    if article.share_image_id:
        return library_share_image(article, article.share_image)
    if hasattr(article, "share_digest"):  # annotated by with_share_image()
        digest = article.share_digest
    else:
        card = ShareImage.objects.filter(key=share_image_key(article)).first()
        digest = card.digest if card else None
    if digest is None:
        return None
    path = reverse(
        "seo:share_image", kwargs={"key": share_image_key(article), "digest": digest}
    )
    return meta.Image(path, WIDTH, HEIGHT, article.title)
