"""Path converters: an article's slug in any script, and for the archive a
four-digit year and a two-digit month."""


class YearConverter:
    regex = "[1-9][0-9]{3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


class MonthConverter:
    regex = "0[1-9]|1[0-2]"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:02d}"


class UnicodeSlugConverter:
    """Letters and digits of any script, hyphens and underscores (Django's own
    ``slug`` takes ASCII only); links carry them percent-encoded."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
