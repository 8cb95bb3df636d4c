import pytest


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The page cache, which most other tests leave off, on."""
    settings.PAGE_CACHE = True
