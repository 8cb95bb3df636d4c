"""Path converters that refuse anything but the characters an address holds."""


class HexConverter:
    regex = "[0-9a-f]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
