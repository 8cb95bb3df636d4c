"""Images and files of the old site, from a copy of wp-content/uploads.

The importer never needs the old site to be online: with ``--uploads DIR``
each file a post uses is taken from the copy once (its size variants, such
as ``-300x200``, point at the original). Images go into the media library
through its own checks (by content, stored once by SHA-256, GPS dropped),
with the attachment's alt text and caption, and the Markdown names them
``image:N``, so readers get <picture>; a post's featured image becomes its
share image. With ``--fetch-media``, an image not in the copy is fetched from
the old site's address through library/fetch.py and the site's one outbound
client (time- and size-limited, never from a private address). Sound, video
and PDF are copied into storage under ``wordpress/`` and served from
/media/wordpress/. Without the copy, or when a file is not in it or the
library refuses it, the address stays as it was and the report lists the file.
"""

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.html import strip_tags

from library import uploads
from library.conf import settings as library_settings
from library.fetch import fetch
from library.models import Image
from outbound.client import OutboundError
from wordpress.addresses import UPLOADS, upload_of

STORAGE_PREFIX = "wordpress"
# What goes into the media library (which itself judges each file by content).
IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}
# What the site serves of the other uploads (wordpress/views.py), each with
# its own content type: sound, video and PDF, never a type a browser would
# run (SVG, HTML).
SERVED = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".wav": "audio/wav",
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".pdf": "application/pdf",
}
# Played in the page or downloaded: a PDF opened in the browser would be a
# document of the site's own origin, with its scripts and forms.
DOWNLOADED = {".pdf"}


def is_image(upload):
    return Path(upload).suffix.lower() in IMAGES


class Media:
    """For the Importer: uploads, featured images and galleries."""

    def upload_file(self, upload, kinds):
        """The file of an upload in the --uploads copy, or None."""
        if self.uploads is None:
            return None
        path = (self.uploads / upload).resolve()
        if not path.is_relative_to(self.uploads) or not path.is_file():
            return None
        if path.suffix.lower() not in kinds:
            return None
        return path

    def media_url(self, upload, url):
        """The new address of an uploaded file, or the old URL if it is missing."""
        if is_image(upload):
            image = self.library_image(upload)
            return image.url if image is not None and image.pk else url
        if upload not in self.media:
            path = self.upload_file(upload, SERVED)
            if path is None:
                self.report.media_missing(upload)
                self.media[upload] = url
            else:
                self.media[upload] = self.store(path, f"{STORAGE_PREFIX}/{upload}")
        return self.media[upload]

    def store(self, path, name):
        if self.report.dry_run:
            return default_storage.url(name)
        if not default_storage.exists(name):
            with path.open("rb") as file:
                name = default_storage.save(name, File(file))
        return default_storage.url(name)

    def library_image(self, upload, *, alt="", caption=""):
        """The library image of an upload: found there, added, or None (missing
        or refused, and listed in the report). A dry run adds nothing: a new
        image is an unsaved one."""
        if upload in self.images:
            return self.images[upload]
        image, url = None, f"{self.site}{UPLOADS}{upload}"
        entry = self.index.entries.get(self.index.uploads.get(upload))
        fields = {
            "alt_text": ((entry and entry.alt) or alt)[:300],
            "caption": " ".join(
                strip_tags((entry and entry.caption) or caption).split()
            )[:300],
            "source_url": url[:2000],
        }
        try:
            data = self.image_data(upload, url)
            if data is None:
                self.report.media_missing(upload)
            else:
                image = self.add_image(data, Path(upload).name, fields)
        except ValidationError as error:
            self.report.media_missing(f"{upload}: {error.messages[0]}")
        except OutboundError as error:
            self.report.media_missing(f"{upload}: not fetched from {url}: {error}")
        self.images[upload] = image
        return image

    def image_data(self, upload, url):
        """The bytes of an image: from the --uploads copy, else (--fetch-media)
        from the old site; None if neither has it."""
        path = self.upload_file(upload, IMAGES)
        if path is not None:
            return path.read_bytes()
        if not self.fetch_media or not self.site:
            return None
        deadline = time.monotonic() + library_settings.MEDIA_FETCH_TIMEOUT
        return fetch(url, deadline=deadline)

    def add_image(self, data, name, fields):
        existing = Image.objects.filter(content_hash=uploads.content_hash(data))
        if existing := existing.first():
            self.report.library["reused"] += 1
            return existing
        if self.report.dry_run:
            uploads.open_image(data)  # refused as the real import would be
            image = Image(**fields)
        else:
            image = uploads.add_to_library(data, name=name, **fields)
        self.report.library["added"] += 1
        return image

    def content_image(self, src, *, alt, caption):
        """An image of the text: its new address, and whether the library
        image shows this caption itself."""
        upload = upload_of(src, site=self.site)
        if upload is None or not is_image(upload):
            return src, False
        image = self.library_image(upload, alt=alt, caption=caption)
        if image is None:
            return src, False
        if not (alt or image.alt_text or image.decorative):
            self.report.without_alt(upload)
        if image.pk is None:  # a dry run: the text is not kept
            return src, False
        return f"image:{image.pk}", bool(caption) and image.caption == caption

    def featured_image(self, item, article):
        """The post's featured image becomes the article's share image, unless
        it has one already."""
        entry = self.index.entries.get(item.meta_value("_thumbnail_id"))
        if entry is None or not is_image(entry.upload):
            return
        if article.share_image_id or article.social_image:
            return
        image = self.library_image(entry.upload)
        if image is None or image.pk is None:
            return
        if not (image.alt_text or image.decorative):
            self.report.without_alt(entry.upload)
        article.share_image = image
        article.save()

    def gallery(self, item, ids):
        """The old image URLs of a [gallery]: the ids given, or the post's own."""
        if not ids:
            ids = [
                wp_id
                for wp_id, entry in self.index.entries.items()
                if entry.type == "attachment" and entry.parent == item.id
            ]
        files = [self.index.entries[i].upload for i in ids if i in self.index.entries]
        return [f"{self.site}{UPLOADS}{upload}" for upload in files if upload]
