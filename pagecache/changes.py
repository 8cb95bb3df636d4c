"""The one call for "something pages show has changed"."""

from pagecache import generation, purge


def changed(stale_tags):
    """Fresh pages at once from the page cache, and from caches in front
    once the change commits, purged by the tags ``stale_tags()`` names."""
    generation.changed()
    purge.purge_on_commit(stale_tags)
