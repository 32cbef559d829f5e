"""Components registered by name, configured from data.

A component is a factory ``make(config: dict) -> callable(Article) -> Article``.
Built-in components are listed below as ``"module:attribute"`` so that
importing narrascope stays cheap (a stage's models load only when the
pipeline uses it). Plugins register with the ``@component("name")`` decorator
or the ``narrascope.components`` entry-point group.
"""
from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from typing import Any, Callable

from .errors import E, NarrascopeError

Factory = Callable[[dict[str, Any]], Callable]

BUILTIN: dict[str, str] = {
    "language": "narrascope.ingest.language:make_component",
    "clean": "narrascope.clean.component:make_component",
    "attribution": "narrascope.attribution.component:make_component",
    "narratives": "narrascope.narratives.component:make_component",
    "framing": "narrascope.framing.component:make_component",
    "explain": "narrascope.explain.component:make_component",
}

# What each built-in stage reads and writes (like spaCy's ``requires`` / ``assigns``): ``analysis.*`` are the
# shared pieces of ``narrascope.analysis``, computed by the first stage that reads them. A plugin declares
# its own with ``requires`` / ``assigns`` attributes on the component it returns.
DECLARED: dict[str, dict[str, list[str]]] = {
    "language": {"requires": ["text"], "assigns": ["language", "language_score"]},
    "clean": {"requires": ["text"], "assigns": ["text", "removed"]},
    "attribution": {"requires": ["analysis.doc (en)", "analysis.sentences"], "assigns": ["quotes"]},
    "narratives": {"requires": ["analysis.sentence_vectors", "title", "quotes"], "assigns": ["narratives", "subnarratives"]},
    "framing": {"requires": ["analysis.doc (en)", "analysis.sentence_vectors", "quotes", "narratives"], "assigns": ["entities"]},
    "explain": {"requires": ["analysis.sentence_vectors", "narratives", "subnarratives", "entities", "quotes"],
                "assigns": ["explanation"]},
}

_registered: dict[str, Factory] = {}


def component(name: str) -> Callable[[Factory], Factory]:
    """Decorator: register a component factory under ``name``."""

    def deco(factory: Factory) -> Factory:
        _registered[name] = factory
        return factory

    return deco


def available() -> list[str]:
    names = set(BUILTIN) | set(_registered)
    try:
        names |= {ep.name for ep in entry_points(group="narrascope.components")}
    except Exception:  # pragma: no cover - broken metadata must not break the CLI
        pass
    return sorted(names)


def get_factory(name: str) -> Factory:
    if name in _registered:
        return _registered[name]
    target = BUILTIN.get(name)
    if target is None:
        for ep in entry_points(group="narrascope.components"):
            if ep.name == name:
                return ep.load()
        raise NarrascopeError(E.E101, name=name, available=", ".join(available()))
    module, attr = target.split(":")
    return getattr(importlib.import_module(module), attr)
