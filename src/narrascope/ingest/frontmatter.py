"""Metadata for plain-text files: a front-matter block or a ``.meta.json`` sidecar.

A ``.txt`` file carries no outlet or date, so an analyst's timeline and outlet counts would be empty.
Two ways to give them, both optional:

* front matter, as in static-site generators — the file opens with a line ``---``, then
  ``key: value`` lines, then a closing ``---``::

      ---
      outlet: Example Daily
      date: 2024-05-03
      url: https://example.org/a
      ---
      Title line

      Body ...

* a sidecar beside the file, ``NAME.meta.json`` for ``NAME.txt``, holding one JSON object with the same
  keys (for files one cannot edit). The folder walk never reads a sidecar as an article.

Keys are the record field names of JSONL/CSV input with their aliases (``outlet``/``source``/``site``,
``published``/``date``, ``url``, ``author``, ``title``, ``id``; see ``records.ALIASES``); other keys are
kept in ``meta["fields"]``. Front matter wins over the sidecar key by key. A block that does not close,
or holds a line that is not ``key: value``, is not front matter and stays part of the text.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import E, InputError

SIDECAR_SUFFIX = ".meta.json"
_MAX_LINES = 50
_FENCE = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)")
_FIELD = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*(?:\r\n|\r|\n|$)")


def split_front_matter(raw: str) -> tuple[dict[str, str], int]:
    """(fields, end): the front-matter fields and the index in ``raw`` where the rest begins;
    ({}, 0) when the text has no front matter (a leading BOM is allowed)."""
    start = 1 if raw.startswith("\ufeff") else 0
    fence = _FENCE.match(raw, start)
    if not fence:
        return {}, 0
    fields: dict[str, str] = {}
    pos = fence.end()
    for _ in range(_MAX_LINES):
        close = _CLOSE.match(raw, pos)
        if close:
            return fields, close.end()
        line = _FIELD.match(raw, pos)
        if not line or line.end() == pos:
            return {}, 0
        key, value = line.group(1).lower(), line.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields[key] = value
        pos = line.end()
    return {}, 0


def sidecar_path(path: Path) -> Path:
    """``a/x.txt`` -> ``a/x.meta.json``."""
    return path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX if path.suffix else path.name + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> dict[str, Any]:
    """The sidecar's fields for the text file ``path`` ({} when there is none); a broken one is an error
    naming the sidecar, so the analyst fixes it rather than losing the dates silently."""
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(E.E005, path=side, format="metadata sidecar (JSON)", detail=exc) from None
    if not isinstance(data, dict):
        raise InputError(E.E005, path=side, format="metadata sidecar (JSON)",
                         detail=f"holds a {type(data).__name__}; it must be one object such as {{\"outlet\": \"...\", \"date\": \"2024-05-03\"}}")
    return {str(k).lower(): v for k, v in data.items()}
