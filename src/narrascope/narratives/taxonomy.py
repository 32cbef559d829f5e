"""Narrative taxonomies as data: a two-level label set with descriptions.

A taxonomy file (TOML, or JSON with the same structure) lists narratives, each
with optional subnarratives given by their short ``name``; the full label of a
subnarrative is ``<narrative label><separator><name>``, as in the SemEval files
("URW: Discrediting Ukraine: Discrediting Ukrainian military"). With
``other_subnarrative = true`` every narrative also gets ``<narrative>: Other``.
See ``narrascope/taxonomies/semeval2025.toml`` for a complete example.
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import E, NarrascopeError

BUNDLED = {"semeval2025": "semeval2025.toml"}


@dataclass(frozen=True)
class Subnarrative:
    label: str  # full label, e.g. "URW: Praise of Russia: Praise of Russian military might"
    name: str  # short name after the separator
    narrative: str  # the parent's full label
    description: str = ""
    is_other: bool = False  # the "<narrative>: Other" catch-all


@dataclass(frozen=True)
class Narrative:
    label: str
    description: str = ""
    domain: str = ""
    subnarratives: tuple[Subnarrative, ...] = ()


@dataclass
class Taxonomy:
    name: str
    narratives: list[Narrative]
    other_label: str = "Other"
    other_description: str = ""
    title: str = ""
    version: str = ""
    source: str = ""
    _by_label: dict[str, Narrative] = field(default_factory=dict, repr=False)
    _subs: dict[str, Subnarrative] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_label = {n.label: n for n in self.narratives}
        self._subs = {s.label: s for n in self.narratives for s in n.subnarratives}

    # -- label lists (``Other`` last, in file order otherwise) -------------
    @property
    def narrative_labels(self) -> list[str]:
        return [n.label for n in self.narratives]

    @property
    def subnarrative_labels(self) -> list[str]:
        return [s.label for n in self.narratives for s in n.subnarratives]

    @property
    def coarse_classes(self) -> list[str]:
        """Every label that may appear in the narratives column (``Other`` included)."""
        return self.narrative_labels + [self.other_label]

    @property
    def fine_classes(self) -> list[str]:
        """Every label that may appear in the subnarratives column (``Other`` included)."""
        return self.subnarrative_labels + [self.other_label]

    def narrative(self, label: str) -> Narrative:
        return self._by_label[label]

    def subnarrative(self, label: str) -> Subnarrative:
        return self._subs[label]

    def parent(self, sub_label: str) -> str:
        return self._subs[sub_label].narrative

    def other_sub(self, narrative_label: str) -> str | None:
        for s in self._by_label[narrative_label].subnarratives:
            if s.is_other:
                return s.label
        return None

    def is_narrative(self, label: str) -> bool:
        return label in self._by_label

    def is_subnarrative(self, label: str) -> bool:
        return label in self._subs

    def description(self, label: str) -> str:
        if label in self._by_label:
            return self._by_label[label].description
        if label in self._subs:
            return self._subs[label].description
        if label == self.other_label:
            return self.other_description
        raise KeyError(label)

    def domains(self) -> list[str]:
        return sorted({n.domain for n in self.narratives if n.domain})

    def to_dict(self) -> dict[str, Any]:
        """The file structure (JSON-able); ``load_taxonomy`` reads it back."""
        return {
            "name": self.name, "title": self.title, "version": self.version,
            "other_label": self.other_label, "other_description": self.other_description,
            "subnarrative_separator": ": ", "other_subnarrative": False,
            "narratives": [
                {"label": n.label, "domain": n.domain, "description": n.description,
                 "subnarratives": [{"name": s.name, "description": s.description} for s in n.subnarratives]}
                for n in self.narratives
            ],
        }


def load_taxonomy(spec: str | Path = "semeval2025") -> Taxonomy:
    """A bundled taxonomy by name ("semeval2025") or a user's ``.toml`` / ``.json`` file."""
    if isinstance(spec, str) and spec in BUNDLED:
        return _bundled(spec)
    path = Path(spec)
    if not path.is_file():
        raise NarrascopeError(E.E203, path=path, detail=f"no such file (bundled taxonomies: {', '.join(BUNDLED)})")
    text = path.read_text("utf-8")
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise NarrascopeError(E.E203, path=path, detail=f"not valid {path.suffix.lstrip('.').upper() or 'TOML'}: {exc}") from exc
    return taxonomy_from_dict(data, source=str(path))


@lru_cache(maxsize=None)
def _bundled(name: str) -> Taxonomy:
    text = resources.files("narrascope").joinpath("taxonomies", BUNDLED[name]).read_text("utf-8")
    return taxonomy_from_dict(tomllib.loads(text), source=f"narrascope/taxonomies/{BUNDLED[name]}")


def taxonomy_from_dict(data: Any, source: str = "<dict>") -> Taxonomy:
    """Validate the file structure and build a :class:`Taxonomy`; errors name the offending entry."""

    def fail(detail: str):
        raise NarrascopeError(E.E203, path=source, detail=detail)

    if not isinstance(data, dict):
        fail("the top level must be a table/object")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        fail("'name' (a non-empty string) is required")
    other = data.get("other_label", "Other")
    sep = data.get("subnarrative_separator", ": ")
    add_other = data.get("other_subnarrative", True)
    if not isinstance(other, str) or not other or not isinstance(sep, str) or not sep:
        fail("'other_label' and 'subnarrative_separator' must be non-empty strings")
    if not isinstance(add_other, bool):
        fail("'other_subnarrative' must be true or false")
    raw = data.get("narratives")
    if not isinstance(raw, list) or not raw:
        fail("'narratives' must be a non-empty list of tables ([[narratives]])")
    seen: set[str] = {other}
    narratives = []
    for i, item in enumerate(raw):
        where = f"narratives[{i}]"
        if not isinstance(item, dict):
            fail(f"{where} must be a table/object")
        label = item.get("label")
        if not isinstance(label, str) or not label.strip():
            fail(f"{where}: 'label' (a non-empty string) is required")
        where = f"narrative '{label}'"
        if label != label.strip() or "\t" in label or ";" in label:
            fail(f"{where}: labels may not contain tabs or ';' nor start/end with spaces (they go into ';'-separated files)")
        if label in seen:
            fail(f"{where}: duplicate label")
        seen.add(label)
        unknown = set(item) - {"label", "description", "domain", "subnarratives"}
        if unknown:
            fail(f"{where}: unknown keys {sorted(unknown)}")
        desc = item.get("description", "")
        domain = item.get("domain", "")
        if not isinstance(desc, str) or not isinstance(domain, str):
            fail(f"{where}: 'description' and 'domain' must be strings")
        subs_raw = item.get("subnarratives", [])
        if not isinstance(subs_raw, list):
            fail(f"{where}: 'subnarratives' must be a list")
        subs = []
        for j, sub in enumerate(subs_raw):
            if isinstance(sub, str):
                sub = {"name": sub}
            if not isinstance(sub, dict) or not isinstance(sub.get("name"), str) or not sub["name"].strip():
                fail(f"{where}: subnarratives[{j}] needs a non-empty 'name'")
            unknown = set(sub) - {"name", "description"}
            if unknown:
                fail(f"{where}: subnarratives[{j}]: unknown keys {sorted(unknown)}")
            if not isinstance(sub.get("description", ""), str):
                fail(f"{where}: subnarratives[{j}]: 'description' must be a string")
            full = f"{label}{sep}{sub['name']}"
            if "\t" in full or ";" in full:
                fail(f"{where}: subnarrative '{sub['name']}' may not contain tabs or ';'")
            if full in seen:
                fail(f"{where}: duplicate subnarrative '{sub['name']}'")
            seen.add(full)
            subs.append(Subnarrative(full, sub["name"], label, sub.get("description", ""), is_other=sub["name"] == other))
        if add_other and not any(s.is_other for s in subs):
            full = f"{label}{sep}{other}"
            seen.add(full)
            subs.append(Subnarrative(full, other, label, f"{desc} (none of the listed subnarratives)".strip(), is_other=True))
        narratives.append(Narrative(label, desc, domain, tuple(subs)))
    return Taxonomy(name=name, narratives=narratives, other_label=other,
                    other_description=str(data.get("other_description", "")), title=str(data.get("title", "")),
                    version=str(data.get("version", "")), source=source)
