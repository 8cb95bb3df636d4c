"""The address of what comments sit under: any path ending in a slash."""


class AddressConverter:
    """Like ``path``, but ending in "/": ``articles/a/comments/`` is the
    comments of ``articles/a/``, while ``articles/template-comments/`` is an
    article whose slug ends in "comments", never comments of
    ``articles/template-``."""

    regex = r".+/"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
