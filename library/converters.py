class LibraryFileConverter:
    """A stored library file's name: content hash, rendition, known extension."""

    regex = r"[0-9a-f]{20}[0-9A-Za-z_-]{0,40}\.(?:avif|webp|jpg|png)"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
