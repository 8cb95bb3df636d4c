"""Path converters that more than one app's routes use.

``secret``: a mailed link's token or key is a secret of its reader. Routes
capture it as ``<secret:token>``, and the value the view gets is a
``Secret``, which is how the request log (web/logs.py) knows to mask it,
whatever the route.

``stored_name``: the name of an uploaded file in storage, as an address
holds it, with folders. Never a control character: a NUL would reach the
file system and fail there.
"""


class Secret(str):
    """A token or key from a path: a plain string that says it is not for logs."""


class SecretConverter:
    # Letters, digits, - and _, and : between the parts of a signed value.
    regex = "[-a-zA-Z0-9_:]+"

    def to_python(self, value):
        return Secret(value)

    def to_url(self, value):
        return str(value)


class StoredNameConverter:
    regex = r"[^\x00-\x1f\x7f]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
