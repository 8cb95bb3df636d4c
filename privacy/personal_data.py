"""Everything the site stores for one email address, gathered from each app.

Apps that keep addresses register an exporter and an eraser here (from their
AppConfig.ready), so the export and erasure requested by a reader cover them
all without one app importing another.
"""

_registry = {}


def register(name, *, export, erase):
    """``export(email)`` returns JSON-ready data; ``erase(email)`` a count."""
    _registry[name] = (export, erase)


def export(email):
    return {name: exporter(email) for name, (exporter, _) in _registry.items()}


def erase(email):
    """Erase the address everywhere registered: {name: records erased}."""
    return {name: eraser(email) for name, (_, eraser) in _registry.items()}
