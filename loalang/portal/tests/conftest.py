import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages and rate-limit counters never leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()
