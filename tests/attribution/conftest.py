import pytest

from narrascope.attribution import Attributor


@pytest.fixture(scope="module")
def attributor():
    """One Attributor (spaCy loaded once) per test module."""
    return Attributor()
