"""Engines run the pipeline over many inputs: ``local`` (default) or ``ray`` (optional extra)."""
from __future__ import annotations

from typing import Iterable, Iterator

from ..doc import Article
from ..errors import NarrascopeError


def run(paths: Iterable[str], config: dict, engine: str = "local", **kwargs) -> Iterator[Article | NarrascopeError]:
    """Analyse every article under ``paths``; yields analysed Articles and per-input errors."""
    if engine == "local":
        from .local import run_local

        return run_local(paths, config, **kwargs)
    if engine == "ray":
        from .ray_engine import run_ray

        return run_ray(paths, config, **kwargs)
    raise ValueError(f"unknown engine {engine!r}; use 'local' or 'ray'")
