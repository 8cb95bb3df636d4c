"""The path converter of address segments that grant something.

A mailed link's token or key is a secret of its reader: routes capture it as
``<secret:token>``, and the value the view gets is a ``Secret``, which is how
the request log (web/logs.py) knows to mask it, whatever the route.
"""


class Secret(str):
    """A token or key from a path: a plain string that says it is not for logs."""


class SecretConverter:
    regex = "[-a-zA-Z0-9_]+"

    def to_python(self, value):
        return Secret(value)

    def to_url(self, value):
        return str(value)
