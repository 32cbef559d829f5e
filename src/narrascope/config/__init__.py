"""The default pipeline configuration (default.toml): the one place component defaults live."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def _defaults_text() -> str:
    return resources.files(__name__).joinpath("default.toml").read_text("utf-8")


def defaults() -> dict[str, Any]:
    """A fresh copy of the package defaults."""
    return tomllib.loads(_defaults_text())


def component_settings(name: str, config: dict | None) -> dict[str, Any]:
    """``[components.<name>]`` of default.toml updated by ``config``: components read their settings from
    here, so a default is written once (in default.toml) and a component built from a partial table, as
    tests and ``--only`` do, still gets every key."""
    base = dict(defaults().get("components", {}).get(name, {}))
    base.update(config or {})
    return base
