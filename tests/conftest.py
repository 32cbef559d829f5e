from pathlib import Path

import pytest

from shared_data import ROOT, SHARED, shared_path  # noqa: F401  (re-exported for tests)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
