"""Files and folders to Articles: walk, dispatch by suffix and content, report bad input.

``read_paths`` is lazy: folders are walked recursively in sorted order and
JSONL/CSV shards are streamed, so memory stays flat on huge inputs. A bad file
or record never raises out of the iterator: it yields an ``InputError`` that
names the file (and record) and the next input is read.
"""
from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..doc import Article
from ..errors import E, InputError, NarrascopeError
from . import records, semeval
from .decode import binary_reason, bom_encoding, decode
from .frontmatter import is_sidecar, read_sidecar, split_front_matter
from .html import article_from_html
from .plaintext import article_from_text, article_id

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
JSON_SUFFIXES = {".json"}
_SKIP_DIRS = {"__pycache__", "node_modules"}


def ingest_settings(config: dict | None) -> dict[str, Any]:
    """The ``[ingest]`` table of a full config (or an ingest table passed directly)."""
    config = config or {}
    settings = dict(config.get("ingest", config) if isinstance(config.get("ingest", config), dict) else {})
    settings.setdefault("max_bytes", DEFAULT_MAX_BYTES)
    return settings


def read_paths(paths: Iterable[str | os.PathLike] | str | os.PathLike, config: dict | None = None) -> Iterator[Article | NarrascopeError]:
    """Articles from files and folders, lazily; bad input yields an InputError and reading goes on."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    settings = ingest_settings(config)
    for path in paths:
        yield from _read_path(Path(path), settings)


def read_path(path: str | os.PathLike, config: dict | None = None) -> Iterator[Article | NarrascopeError]:
    """Articles from one file or folder (see :func:`read_paths`)."""
    yield from _read_path(Path(path), ingest_settings(config))


def iter_files(folder: Path) -> Iterator[tuple[Path, bool] | InputError]:
    """(file, is_semeval) under ``folder``, recursively, sorted by name; hidden entries skipped.

    In a SemEval language folder only the document subfolders are read, and a
    file name met in an earlier document subfolder is not read again. An
    unreadable subfolder is yielded as an InputError and the walk goes on.
    """
    docs = semeval.document_dirs(folder)
    if docs:
        seen: set[str] = set()
        for doc_dir in docs:
            for item in iter_files(doc_dir):
                if isinstance(item, InputError):
                    yield item
                elif item[0].name not in seen:
                    seen.add(item[0].name)
                    yield item[0], True
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(E.E011, path=folder, detail=exc.strerror or exc)
        return
    in_doc_dir = semeval.is_document_dir(folder)
    for entry in entries:
        if entry.name.startswith(".") or entry.name in _SKIP_DIRS:
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from iter_files(Path(entry.path))
        elif entry.is_file() and not is_sidecar(Path(entry.name)):
            yield Path(entry.path), in_doc_dir or semeval.is_semeval_name(entry.name)


def _read_path(path: Path, settings: dict) -> Iterator[Article | NarrascopeError]:
    if not path.exists():
        yield InputError(E.E007, path=path)
        return
    if path.is_dir():
        for item in iter_files(path):
            if isinstance(item, InputError):
                yield item
            else:
                yield from _read_file(item[0], settings, item[1])
    else:
        is_semeval = semeval.is_document_dir(path.parent) or semeval.is_semeval_name(path.name)
        yield from _read_file(path, settings, is_semeval)


def _read_file(path: Path, settings: dict, is_semeval: bool = False) -> Iterator[Article | NarrascopeError]:
    """Everything one file holds; errors of this file are yielded, never raised."""
    try:
        yield from _dispatch(path, settings, is_semeval)
    except NarrascopeError as err:
        yield err
    except OSError as exc:
        yield InputError(E.E011, path=path, detail=exc.strerror or exc)
    except RecursionError as exc:
        yield InputError(E.E009 if _kind(path) in ("html", "html.gz") else E.E011, path=path, detail=f"structure nested too deeply ({exc})")


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".html.gz", ".htm.gz")):
        return "html.gz"
    if name.endswith((".jsonl.gz", ".ndjson.gz")):
        return "jsonl"
    suffix = path.suffix.lower()
    for kind, suffixes in (("text", TEXT_SUFFIXES), ("html", HTML_SUFFIXES), ("jsonl", JSONL_SUFFIXES),
                           ("csv", CSV_SUFFIXES), ("json", JSON_SUFFIXES)):
        if suffix in suffixes:
            return kind
    return None


def _dispatch(path: Path, settings: dict, is_semeval: bool) -> Iterator[Article | NarrascopeError]:
    kind = _kind(path)
    name = str(path)
    max_bytes = int(settings.get("max_bytes") or 0)
    size = path.stat().st_size
    if kind in ("jsonl", "csv"):
        # Streamed record by record: the limit applies to each record, and to the
        # whole shard only when stream_max_bytes is set.
        limit = int(settings.get("stream_max_bytes") or 0)
        if limit and size > limit:
            raise InputError(E.E004, path=name, size=size, limit=limit)
        if size == 0:
            raise InputError(E.E001, path=name)
        yield from (records.read_jsonl(name, settings) if kind == "jsonl" else records.read_csv(name, settings))
        return
    if max_bytes and size > max_bytes:
        raise InputError(E.E004, path=name, size=size, limit=max_bytes)
    if size == 0:
        raise InputError(E.E001, path=name)
    meta = {"file_name": path.name}
    if kind == "html.gz":
        yield article_from_html(_read_gzip(path, max_bytes), name, article_id(path), settings, meta)
        return
    if kind == "json":
        yield from records.read_json(name, settings)
        return
    data = path.read_bytes()
    if kind is None:
        kind = _sniff(data, path)
    if kind == "html":
        yield article_from_html(data, name, article_id(path), settings, meta)
        return
    if kind == "jsonl":
        yield from records.jsonl_records(name, iter(data.splitlines(keepends=True)), records.field_map(settings),
                                          max_bytes, "jsonl")
        return
    raw, encoding = decode(data, name)
    meta["encoding"] = encoding
    source_format = "semeval" if is_semeval else "text"
    if is_semeval:
        lang = semeval.language_of(path)
        if lang:
            meta["semeval_lang"] = lang
    if is_semeval:
        yield article_from_text(raw, article_id(path), source_path=name, source_format=source_format, meta=meta)
        return
    fields, start = split_front_matter(raw)
    fields = {**read_sidecar(path), **fields}
    art = article_from_text(raw, article_id(path), source_path=name, source_format=source_format, meta=meta,
                            start=start)
    if start:
        art.meta["front_matter_end"] = start
    if fields:
        _apply_fields(art, fields, name)
    art.compute_hash()
    yield art


def _apply_fields(art: Article, fields: dict[str, Any], name: str) -> None:
    """Front-matter / sidecar fields onto a plain-text article (keys as in JSONL/CSV records)."""
    used: set[str] = set()
    for key in ("id", "title", "url", "outlet", "published", "author"):
        found = next((a for a in records.ALIASES[key] if a in fields and a not in used), None)
        if found is None or fields[found] in (None, ""):
            continue
        used.add(found)
        value = fields[found]
        if key == "published":
            date = records.normalise_date(value)
            if date is None:
                art.meta["published_raw"] = str(value)
                art.warnings.append(f"{name}: date '{value}' could not be read; published left empty (use YYYY-MM-DD)")
            art.published = date
        elif key == "title":
            art.title = " ".join(str(value).split())
        else:
            setattr(art, key, str(value).strip())
    extra = {k: v for k, v in fields.items() if k not in used and isinstance(v, (str, int, float, bool))}
    if extra:
        art.meta["fields"] = extra


def _read_gzip(path: Path, max_bytes: int) -> bytes:
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read(max_bytes + 1 if max_bytes else -1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(E.E009, path=path, detail=f"not a readable gzip file: {exc}") from exc
    if max_bytes and len(data) > max_bytes:
        raise InputError(E.E004, path=path, size=f"more than {max_bytes} (uncompressed)", limit=max_bytes)
    if not data:
        raise InputError(E.E001, path=path)
    return data


def _sniff(data: bytes, path: Path) -> str:
    """Kind of a file whose suffix says nothing: html, jsonl or text — else E008."""
    suffix = path.suffix or "(none)"
    if not bom_encoding(data[:4]) and binary_reason(data):
        raise InputError(E.E008, path=path, suffix=suffix)
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<body" in data[:65536].lower()):
        return "html"
    if head.startswith(b"{"):
        import json

        try:
            json.loads(data.splitlines()[0].decode("utf-8", "strict").lstrip("\ufeff"))
            return "jsonl"
        except (ValueError, UnicodeDecodeError):
            pass
    try:
        text, _ = decode(data, str(path))
    except InputError as err:
        raise InputError(E.E008, path=path, suffix=suffix) from err
    letters = sum(ch.isalpha() for ch in text[:20000])
    if letters < 0.4 * len(text[:20000].strip() or "x"):
        raise InputError(E.E008, path=path, suffix=suffix)
    return "text"
