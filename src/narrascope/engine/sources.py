"""Input at scale: folder trees, JSON Lines shards and Parquet files, read lazily.

Reading is split in two so that it can run anywhere:

- :func:`plan_units` walks the inputs (on the driver) and yields *units* of
  work, small JSON-able dicts: one shard (a ``.jsonl``/``.csv``/``.parquet``
  file) or a run of up to ``files_per_unit`` article files. Only paths are
  held, never text.
- :func:`read_unit` reads one unit (on a worker) into Articles and
  InputErrors, streaming: a shard is read record by record (JSON Lines, CSV)
  or row group by row group (Parquet), so memory stays flat however big it is.

Everything but Parquet is read by :mod:`narrascope.ingest`, so ids, titles,
field aliases and errors are the same as with the local engine.
:func:`read_sources` chains both for one process: ``read_paths`` plus Parquet.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..doc import Article
from ..errors import E, InputError, NarrascopeError
from ..ingest import iter_files, read_path
from ..ingest.reader import ingest_settings
from ..ingest.records import article_from_record, field_map

PARQUET_SUFFIXES = {".parquet", ".pq"}
# Files read whole-file-at-a-time by ingest are grouped; shards are units of their own.
SHARD_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".tsv", ".json"} | PARQUET_SUFFIXES
FILES_PER_UNIT = 32
PARQUET_BATCH_ROWS = 256


def is_parquet(path: str | os.PathLike) -> bool:
    return Path(path).suffix.lower() in PARQUET_SUFFIXES


def _is_shard(path: Path) -> bool:
    name = path.name.lower()
    return path.suffix.lower() in SHARD_SUFFIXES or name.endswith((".jsonl.gz", ".ndjson.gz"))


def plan_units(paths: Iterable[str | os.PathLike], files_per_unit: int = FILES_PER_UNIT) -> Iterator[dict[str, Any]]:
    """Units of reading work, in the order ``read_paths`` reads the same inputs.

    ``{"files": [...]}`` — article files read one by one with ``ingest.read_path``;
    ``{"shard": path}`` — one JSONL/CSV/JSON/Parquet file streamed record by record;
    ``{"error": {...}}`` — a problem found while walking (an unreadable folder).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    run: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            items: Iterable = iter_files(path)
        else:
            # A missing path is read like any other so ingest reports it (E007).
            items = [(path, False)]
        for item in items:
            if isinstance(item, NarrascopeError):
                if run:
                    yield {"files": run}
                    run = []
                yield {"error": error_to_dict(item)}
                continue
            file = item[0]
            if _is_shard(file):
                if run:
                    yield {"files": run}
                    run = []
                yield {"shard": str(file)}
                continue
            run.append(str(file))
            if len(run) >= files_per_unit:
                yield {"files": run}
                run = []
    if run:
        yield {"files": run}


def read_unit(unit: dict[str, Any], config: dict) -> Iterator[Article | NarrascopeError]:
    """The Articles and InputErrors of one unit from :func:`plan_units`, lazily."""
    if "error" in unit:
        yield error_from_dict(unit["error"])
    elif "shard" in unit:
        shard = unit["shard"]
        yield from (read_parquet(shard, config) if is_parquet(shard) else read_path(shard, config))
    else:
        for file in unit.get("files", []):
            yield from read_path(file, config)


def read_sources(paths: Iterable[str | os.PathLike], config: dict) -> Iterator[Article | NarrascopeError]:
    """Like ``ingest.read_paths`` (same order, same errors), with Parquet files read too."""
    for unit in plan_units(paths):
        yield from read_unit(unit, config)


def read_parquet(path: str | os.PathLike, config: dict, batch_rows: int = PARQUET_BATCH_ROWS) -> Iterator[Article | NarrascopeError]:
    """Articles from a Parquet file, ``batch_rows`` rows at a time (memory: one batch).

    Columns are matched like JSON Lines fields (``[ingest] text_fields`` and the
    usual aliases); a row without usable text is an E010 naming its row number.
    """
    name = str(path)
    settings = ingest_settings(config)
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:  # pyarrow comes with the [ray] extra
        yield InputError(E.E504, path=name, detail=f"pyarrow is not installed: pip install 'narrascope[ray]' ({exc})")
        return
    if not Path(name).exists():
        yield InputError(E.E007, path=name)
        return
    try:
        # pre_buffer (pyarrow's default) reads ahead in proportion to the file; off, memory stays one batch.
        parquet = pq.ParquetFile(name, pre_buffer=False)
        batches = parquet.iter_batches(batch_size=batch_rows, use_threads=False)
        fields = field_map(settings)
        number = 0
        for batch in batches:
            for record in batch.to_pylist():
                number += 1
                try:
                    yield article_from_record(record, path=name, number=number, fields=fields, source_format="parquet")
                except InputError as err:
                    yield err
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        yield InputError(E.E504, path=name, detail=f"{type(exc).__name__}: {exc}")


# -- errors across processes ----------------------------------------------------------

def error_to_dict(err: NarrascopeError) -> dict[str, Any]:
    """A NarrascopeError as plain data (to cross a process boundary)."""
    return {"code": err.code, "kwargs": {k: str(v) for k, v in err.kwargs.items()}, "message": str(err),
            "input": isinstance(err, InputError)}


def error_from_dict(d: dict[str, Any]) -> NarrascopeError:
    """The same error again, same code and message."""
    cls = InputError if d.get("input") else NarrascopeError
    template = getattr(E, d.get("code") or "", None)
    if isinstance(template, str):
        err = cls(template, **d.get("kwargs", {}))
        if str(err) == d.get("message"):
            return err
    err = cls.__new__(cls)
    Exception.__init__(err, d.get("message", "[E000] unknown error"))
    err.code, err.kwargs = d.get("code") or "E000", d.get("kwargs", {})
    return err
