import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The anonymous throttle counts in the cache; each test starts at zero so
    that the order of tests cannot turn a 200 into a 429."""
    cache.clear()
    yield
    cache.clear()
