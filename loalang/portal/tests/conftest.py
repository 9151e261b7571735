import pytest
from django.core.cache import cache

from loalang.portal import pagecache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages (shared and this process's copies) and rate-limit counters never leak from
    one test into the next."""
    cache.clear()
    pagecache.local.clear()
    yield
    cache.clear()
    pagecache.local.clear()
