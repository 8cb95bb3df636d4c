"""Each article's share image: the editor's upload, one from the library, or a
card drawn from its title."""

from django.urls import reverse

from seo import meta
from seo.social import HEIGHT, WIDTH, drawn_card, site_kicker, with_card_digest

# Drawn cards are stored under "article-<pk>".
KEY_PREFIX = "article"


def share_image_key(article):
    return f"{KEY_PREFIX}-{article.pk}"


def share_kicker(article):
    return article.series.title if article.series_id else site_kicker()


def with_share_image(articles):
    """Annotate the fingerprint of each article's drawn card, in the same query."""
    return with_card_digest(articles.select_related("share_image"), KEY_PREFIX)


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
    return drawn_card(article, share_image_key(article), alt=article.title)
