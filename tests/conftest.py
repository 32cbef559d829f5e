from pathlib import Path

import pytest

from shared_data import ROOT, SHARED, in_ci, shared_path  # noqa: F401  (re-exported for tests)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_report_header(config):
    mode = ("CI=true: a test whose PostgreSQL, Chromium, Ray or ../shared is missing FAILS" if in_ci()
            else "not CI: a test whose PostgreSQL, Chromium, Ray or ../shared is missing skips (CI=true makes it fail)")
    return [f"narrascope: {mode}; shared data: {SHARED}"]


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
