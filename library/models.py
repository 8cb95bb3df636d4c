"""The media library: editors' images, each stored once, with its renditions."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

# Widths of the renditions a page may choose from (srcset), in CSS pixels
# times the screen's density; no rendition is wider than the original.
RENDITION_WIDTHS = (320, 480, 640, 960, 1280, 1600, 1920)
# Newest first: a browser takes the first <source> whose type it decodes.
RENDITION_FORMATS = ("avif", "webp")
FALLBACK_FORMATS = ("jpeg", "png")
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "avif": "avif"}


class ImageQuerySet(models.QuerySet):
    def search(self, words):
        """Images whose description, caption, credit or file name has the words."""
        images = self
        for word in words.split():
            images = images.filter(
                Q(alt_text__icontains=word)
                | Q(caption__icontains=word)
                | Q(credit__icontains=word)
                | Q(original_name__icontains=word)
            )
        return images


class Image(models.Model):
    file = models.ImageField(
        upload_to="library/", width_field="width", height_field="height"
    )
    original_name = models.CharField(
        max_length=255,
        blank=True,
        editable=False,
        help_text="The uploaded file's name.",
    )
    alt_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. An "
        "article's Markdown may say it differently ![like this](image:1).",
    )
    decorative = models.BooleanField(
        default=False,
        help_text="Tick only if the image adds nothing a reader would miss; "
        "screen readers then skip it.",
    )
    caption = models.CharField(
        max_length=300, blank=True, help_text="Shown under the image."
    )
    credit = models.CharField(
        max_length=200, blank=True, help_text="Who made it, e.g. “Photo: Ana Lima”."
    )
    focal_x = models.FloatField(
        "focal point across",
        default=0.5,
        help_text="Where the subject is, from 0 (left edge) to 1 (right edge); "
        "crops such as the share image keep it in view.",
    )
    focal_y = models.FloatField(
        "focal point down",
        default=0.5,
        help_text="From 0 (top edge) to 1 (bottom edge).",
    )
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    content_hash = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text="SHA-256 of the file as uploaded: the same file is stored once.",
    )
    fallback_format = models.CharField(
        max_length=4, choices=[(f, f) for f in FALLBACK_FORMATS], editable=False
    )
    rendition_widths = models.JSONField(
        default=list,
        editable=False,
        help_text="Widths of the AVIF, WebP and fallback renditions made so far.",
    )
    share_crop = models.CharField(
        max_length=255,
        blank=True,
        editable=False,
        help_text="The 1200×630 crop around the focal point, for social networks.",
    )
    source_url = models.URLField(
        max_length=2000,
        blank=True,
        editable=False,
        help_text="The outside address the image was copied from, if any.",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ("-uploaded_at", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1)
                & Q(focal_y__gte=0, focal_y__lte=1),
                name="image_focal_point_inside",
                violation_error_message="The focal point runs from 0 to 1 each way.",
            ),
            models.CheckConstraint(
                condition=Q(decorative=False) | Q(alt_text=""),
                name="decorative_image_has_no_alt_text",
                violation_error_message="A decorative image has no alt text: "
                "clear the alt text or untick “decorative”.",
            ),
        ]

    def __str__(self):
        return self.alt_text or self.caption or self.original_name or f"Image {self.pk}"

    @property
    def markdown(self):
        """How an article shows this image: by id, so no address can go stale."""
        from library.markup import markdown_for

        return markdown_for(self, alt=self.alt_text)

    @property
    def stem(self):
        """The file name every rendition starts with (content-addressed)."""
        return self.content_hash[:20]

    def rendition_name(self, *, width, format):
        return f"library/{self.stem}-{width}.{EXTENSIONS[format]}"

    def url_of(self, name):
        """The site's own address of a stored file (library.views serves it)."""
        return reverse("library:file", kwargs={"name": name.removeprefix("library/")})

    @property
    def url(self):
        return self.url_of(self.file.name)

    def stored_names(self):
        """Every file kept for this image: original, renditions, share crop."""
        formats = (*RENDITION_FORMATS, self.fallback_format)
        renditions = [
            self.rendition_name(width=width, format=format)
            for width in self.rendition_widths
            for format in formats
        ]
        return [self.file.name, *renditions, *filter(None, [self.share_crop])]

    def srcset(self, format):
        return ", ".join(
            f"{self.url_of(self.rendition_name(width=w, format=format))} {w}w"
            for w in self.rendition_widths
        )

    @property
    def thumbnail_url(self):
        """A small rendition once made, else the original."""
        if not self.rendition_widths:
            return self.url
        return self.url_of(
            self.rendition_name(width=self.rendition_widths[0], format="webp")
        )
