"""The one call for "something pages show has changed"."""

from pagecache import generation, purge


def changed(tags):
    """Fresh pages at once from the page cache, and from caches in front
    (purged by ``tags``) once the change commits."""
    generation.changed()
    purge.purge_on_commit(tags)
