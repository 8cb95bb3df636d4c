"""1200×630 share images drawn from a title in the site's colours, with Pillow."""

import hashlib
import io
import textwrap

from django.conf import settings
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from PIL import Image, ImageDraw, ImageFont

from seo import meta
from seo.models import ShareImage
from web.routes import cached_reverse

WIDTH, HEIGHT = 1200, 630
BACKGROUND, INK, ACCENT, MUTED = "#fdfcfa", "#1d1d1f", "#0b5cad", "#595959"
DESIGN_VERSION = "1"


def share_image_digest(*, title, kicker):
    material = f"{DESIGN_VERSION}|{settings.SITE_NAME}|{kicker}|{title}"
    return hashlib.sha256(material.encode()).hexdigest()[:16]


def ensure_share_image(*, key, title, kicker=""):
    """The stored image for this text, drawn only if the text changed."""
    digest = share_image_digest(title=title, kicker=kicker)
    image, _ = ShareImage.objects.get_or_create(
        key=key, digest=digest, defaults={"png": draw(title=title, kicker=kicker)}
    )
    ShareImage.objects.filter(key=key).exclude(digest=digest).delete()
    return image


def site_kicker():
    """The line under the title of a card that belongs to no series."""
    return textwrap.shorten(settings.SITE_DESCRIPTION, width=60, placeholder="…")


def with_card_digest(queryset, prefix):
    """Annotate ``card_digest``: the fingerprint of each row's drawn card
    (stored under the key ``<prefix>-<pk>``), in the same query."""
    cards = ShareImage.objects.filter(
        key=Concat(Value(f"{prefix}-"), Cast(OuterRef("pk"), CharField()))
    )
    return queryset.annotate(card_digest=Subquery(cards.values("digest")[:1]))


def card_digests(prefix):
    """The fingerprint of every card drawn under a key ``<prefix>-<pk>``, by
    pk: one query for a list of thousands, where a subquery per row
    (with_card_digest) costs the database a lookup each."""
    cards = ShareImage.objects.filter(key__startswith=f"{prefix}-")
    return {
        int(key.removeprefix(f"{prefix}-")): digest
        for key, digest in cards.values_list("key", "digest")
    }


def drawn_card(row, key, *, alt):
    """The card stored under ``key`` as the row's image, or None before it
    is drawn; no query when with_card_digest() annotated the row."""
    if hasattr(row, "card_digest"):
        digest = row.card_digest
    else:
        card = ShareImage.objects.filter(key=key).only("digest").first()
        digest = card.digest if card else None
    if digest is None:
        return None
    return meta.Image(card_path(key, digest), WIDTH, HEIGHT, alt)


def card_path(key, digest):
    """The address of the card stored under ``key`` with this fingerprint."""
    return cached_reverse("seo:share_image", key=key, digest=digest)


def draw(*, title, kicker):
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, 24, HEIGHT), fill=ACCENT)
    pen.text((96, 80), settings.SITE_NAME, fill=ACCENT, font=ImageFont.load_default(44))
    lines = textwrap.wrap(title, width=26)[:4]
    title_font = ImageFont.load_default(76 if len(lines) <= 3 else 64)
    y = 190
    for line in lines:
        pen.text((96, y), line, fill=INK, font=title_font)
        y += title_font.size + 16
    if kicker:
        pen.text(
            (96, HEIGHT - 100), kicker, fill=MUTED, font=ImageFont.load_default(36)
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
