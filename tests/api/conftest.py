import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The anonymous throttle counts in the cache; each test starts at zero so
    that the order of tests cannot turn a 200 into a 429."""
    caches["default"].clear()
    yield
    caches["default"].clear()
