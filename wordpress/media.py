"""Images and files of the old site, from a copy of wp-content/uploads.

The importer never needs the old site to be online: with ``--uploads DIR``
each file a post uses is copied into the site's storage once (its size
variants, such as ``-300x200``, point at the original); without it, or when
a file is not in the copy, the link stays as it was and the report lists
the file as missing.
"""

from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage

from wordpress.addresses import UPLOADS

STORAGE_PREFIX = "wordpress"
# What the site serves of the old uploads (wordpress/views.py): images, sound,
# video and PDF, never a type a browser would run (SVG, HTML).
SERVED = {
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".mp3", ".m4a", ".ogg",
    ".wav", ".mp4", ".m4v", ".webm", ".pdf",
}  # fmt: skip


class Media:
    """For the Importer: uploads, featured images and galleries."""

    def upload_file(self, upload):
        """The file of an upload in the --uploads copy, or None."""
        if self.uploads is None:
            return None
        path = (self.uploads / upload).resolve()
        if not path.is_relative_to(self.uploads) or not path.is_file():
            return None
        if path.suffix.lower() not in SERVED:
            return None
        return path

    def media_url(self, upload, url):
        """The new address of an uploaded file, or the old URL if it is missing."""
        if upload not in self.media:
            path = self.upload_file(upload)
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

    def featured_image(self, item, article):
        """The post's featured image becomes the article's share image."""
        entry = self.index.entries.get(item.meta_value("_thumbnail_id"))
        if entry is None or not entry.upload or article.social_image:
            return
        self.media_url(entry.upload, "")  # counted once if missing
        path = self.upload_file(entry.upload)
        if path is not None and not self.report.dry_run:
            with path.open("rb") as file:
                article.social_image.save(
                    Path(entry.upload).name, File(file), save=False
                )
            article.social_image_alt = entry.title[:200]
            article.save()

    def gallery(self, item, ids):
        """The image URLs of a [gallery]: the ids given, or the post's own."""
        if not ids:
            ids = [
                wp_id
                for wp_id, entry in self.index.entries.items()
                if entry.type == "attachment" and entry.parent == item.id
            ]
        uploads = [self.index.entries[i].upload for i in ids if i in self.index.entries]
        return [
            self.media_url(upload, f"{self.site}{UPLOADS}{upload}")
            for upload in uploads
            if upload
        ]
