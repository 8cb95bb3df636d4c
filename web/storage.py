"""Where uploads are kept: this server's disk, or an S3-compatible bucket."""

from urllib.parse import parse_qsl, urlsplit

from django.core.exceptions import ImproperlyConfigured

S3_OPTIONS = {"endpoint_url", "region_name", "addressing_style", "signature_version"}


def media_storage(url):
    """The storage of uploads, from MEDIA_STORAGE_URL (empty: the local disk)."""
    if not url:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    parts = urlsplit(url)
    options = dict(parse_qsl(parts.query))
    if parts.scheme != "s3" or not parts.netloc or not options.keys() <= S3_OPTIONS:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE_URL must read s3://bucket/prefix?option=value, with "
            f"options among {', '.join(sorted(S3_OPTIONS))}."
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": parts.netloc,
            "location": parts.path.strip("/"),
            # A new upload never replaces an older one of the same name.
            "file_overwrite": False,
            **options,
        },
    }
