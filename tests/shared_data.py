"""What tests need from outside the repo (../shared data, PostgreSQL, Chromium, Ray), in one place.

Locally a missing need skips the test with a message saying what to install. Under CI (``CI=true``,
as ``.ci/run`` is run) a missing need FAILS the test: a green CI must not hide a suite that
skipped its database, browser, cluster or data tests.
"""
import importlib
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRASCOPE_SHARED", ROOT.parent / "shared"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def in_ci() -> bool:
    """True when the environment says CI (``CI=true``/``1``/``yes``)."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes", "on")


def missing(reason: str, *, module_level: bool = False):
    """A need is missing: skip (locally) or fail (under CI). Never returns."""
    if in_ci():
        pytest.fail(f"CI=true and a test's need is missing: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=module_level)


def need_module(name: str, reason: str | None = None, *, module_level: bool = False):
    """Import ``name`` or call :func:`missing` (a module-level ``pytest.importorskip`` that fails under CI)."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        missing(f"{reason or f'needs the Python package {name!r}'} ({exc})", module_level=module_level)


def need_chromium() -> tuple[str, str]:
    """Paths of chromium and chromedriver, or :func:`missing`."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        missing(f"needs chromium and chromedriver ({CHROMIUM}, {CHROMEDRIVER}); run scripts/install-system-deps.sh")
    return CHROMIUM, CHROMEDRIVER


def need_postgres(exc: Exception) -> None:
    """The throw-away PostgreSQL could not start: :func:`missing` with why."""
    missing(f"PostgreSQL tests need a local server (scripts/install-system-deps.sh installs one): {exc}")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or :func:`missing` with a clear message when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        missing(f"needs {p} (the ../shared data folder beside the repo); not present on this machine")
    return p
