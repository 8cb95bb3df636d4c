"""A page's address: its slug, below its parents' slugs (``about/team``)."""


class PagePathConverter:
    regex = r"[-\w]+(?:/[-\w]+)*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
