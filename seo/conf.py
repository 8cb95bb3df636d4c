"""The seo app's settings and their defaults (see web/app_settings.py)."""

from web.app_settings import AppSettings

settings = AppSettings(
    SEO_LANGUAGE="en",
    SEO_LOCALE="en_GB",
    SEO_SAME_AS=[],
    SEO_LOGO_PATH="/static/img/logo.png",
    # Audit checks that stop an article being published: by default those
    # that keep it readable with a screen reader (alt text, heading order,
    # link text); e.g. image_alt,headings,link_text,title_length,jsonld.
    SEO_BLOCKING_CHECKS=["image_alt", "headings", "link_text"],
    # Social networks refuse larger share images (X's limit for a card is 5 MB).
    SOCIAL_IMAGE_MAX_SIZE=5 * 1024 * 1024,
)
