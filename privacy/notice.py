"""The facts the privacy notice states, each given by the app it is about.

Apps register a function returning a dict of plain values (from their
AppConfig.ready); the notice shows the merged facts, so it changes whenever
the settings and names the code obeys do, and the page showing it needs to
know no app that keeps personal data.
"""

_sources = []


def register(facts):
    """``facts()`` returns the app's part of the notice: {name: value}."""
    _sources.append(facts)
    return facts


def facts():
    merged = {}
    for source in _sources:
        merged |= source()
    return merged
