"""Images and files of the old site: from a copy of wp-content/uploads, or
from the old site itself while it is online.

Each file a post uses is looked for once: in the ``--uploads`` copy (its size
variants, such as ``-300x200``, point at the original), else, unless
``--no-media``, at the old site's address through ``download()`` and the
site's one outbound client (time- and size-limited, never a private
address). After the first failure to reach a host, its other files are not
tried: they are listed as missing at once. Images go into the media library
through its own checks (by content, stored once by SHA-256, GPS dropped),
with the attachment's alt text and caption, and the Markdown names them
``image:N``, so readers get <picture>; a post's featured image becomes its
share image. Sound, video and PDF are copied into storage under
``wordpress/`` and served from /media/wordpress/. A file not found stays
at its old address, which readers see as a placeholder (an image) or a
link, and the report lists it with the post that shows it.
"""

import time
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.html import strip_tags

from library import uploads
from library.conf import settings as library_settings
from library.fetch import fetch
from library.models import Image
from outbound.client import OutboundError
from wordpress.addresses import upload_of
from wordpress.models import EntryKind

STORAGE_PREFIX = "wordpress"
# What goes into the media library (which itself judges each file by content).
IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}
# What the site serves of the other uploads (wordpress/views.py): sound, video
# and PDF, never a type a browser would run (SVG, HTML).
SERVED = {".mp3", ".m4a", ".ogg", ".wav", ".mp4", ".m4v", ".webm", ".pdf"}
# Failures that say the host itself is out of reach, not just this file.
UNREACHABLE = ("host name is unknown", "could not be reached", "too long")


class Unreachable(Exception):
    """The old site's host did not answer an earlier request."""


def download(url):
    """The bytes at ``url`` on the old site (OutboundError if refused)."""
    return fetch(url, deadline=time.monotonic() + library_settings.MEDIA_FETCH_TIMEOUT)


def is_image(upload):
    return Path(upload).suffix.lower() in IMAGES


class Media:
    """For the Importer: uploads, featured images, galleries, sound and video."""

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

    def file_data(self, upload, url, kinds):
        """The bytes of an upload: from the copy, else from the old site; None
        if neither has it (OutboundError says why the old site did not)."""
        if (path := self.upload_file(upload, kinds)) is not None:
            return path.read_bytes()
        if not self.with_media or not url.startswith(("http://", "https://")):
            return None
        host = urlsplit(url).hostname
        if host in self.unreachable:
            raise Unreachable(self.unreachable[host])
        try:
            return download(url)
        except OutboundError as error:
            if error.refused or any(reason in str(error) for reason in UNREACHABLE):
                self.unreachable[host] = str(error)
            raise

    def missing(self, upload, why=""):
        """Listed once for each post that shows it."""
        self.missing_why[upload] = why
        if (upload, self.current) not in self.missing_seen:
            self.missing_seen.add((upload, self.current))
            self.report.media_missing(upload, why=why, item=self.current)

    def media(self, url):
        """The new address of a sound, video or PDF, or None if not brought."""
        upload = upload_of(url, site=self.site)
        if upload is None:
            return None
        if Path(upload).suffix.lower() not in SERVED:
            self.missing(upload, "the site does not serve this kind of file")
            return None
        if upload not in self.media_files:
            self.media_files[upload] = self.copy_file(upload, url)
        elif self.media_files[upload] is None:
            self.missing(upload, self.missing_why.get(upload, ""))
        return self.media_files[upload]

    def copy_file(self, upload, url):
        name = f"{STORAGE_PREFIX}/{upload}"
        try:
            data = self.file_data(upload, url, SERVED)
        except (OutboundError, Unreachable) as error:
            self.missing(upload, f"not fetched from the old site: {error}")
            return None
        if data is None:
            self.missing(upload)
            return None
        if not self.report.dry_run and not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(data))
            self.ledger.note(EntryKind.FILE, created=True, key=name)
        return default_storage.url(name)

    def media_url(self, upload, url):
        """The new address of an uploaded file, or the old URL if it is missing."""
        if is_image(upload):
            image = self.library_image(upload)
            return image.url if image is not None and image.pk else url
        return self.media(url) or url

    def library_image(self, upload, *, alt="", caption=""):
        """The library image of an upload: found there, added, or None (missing
        or refused, and listed in the report). A dry run adds nothing: a new
        image is an unsaved one."""
        if upload in self.images:
            if self.images[upload] is None:
                self.missing(upload, self.missing_why.get(upload, ""))
            return self.images[upload]
        image, url = None, self.upload_address(upload)
        entry = self.index.entries.get(self.index.uploads.get(upload))
        fields = {
            "alt_text": ((entry and entry.alt) or alt)[:300],
            "caption": " ".join(
                strip_tags((entry and entry.caption) or caption).split()
            )[:300],
            "source_url": url[:2000],
        }
        try:
            data = self.file_data(upload, url, IMAGES)
            if data is None:
                self.missing(upload)
            else:
                image = self.add_image(data, Path(upload).name, fields)
        except ValidationError as error:
            self.missing(upload, error.messages[0])
        except (OutboundError, Unreachable) as error:
            self.missing(upload, f"not fetched from the old site: {error}")
        self.images[upload] = image
        return image

    def upload_address(self, upload):
        """Where the old site served an upload."""
        entry = self.index.entries.get(self.index.uploads.get(upload))
        if entry is not None and entry.url:
            return entry.url
        return f"{self.site}/wp-content/uploads/{upload}"

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
            self.ledger.note(EntryKind.IMAGE, created=True, row=image)
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
        """The (old address, alt text) of a [gallery]'s images: the ids
        given, or the post's own attachments."""
        if not ids:
            ids = [
                wp_id
                for wp_id, entry in self.index.entries.items()
                if entry.type == "attachment" and entry.parent == item.id
            ]
        entries = [self.index.entries[i] for i in ids if i in self.index.entries]
        return [
            (self.upload_address(entry.upload), entry.alt)
            for entry in entries
            if entry.upload and is_image(entry.upload)
        ]
