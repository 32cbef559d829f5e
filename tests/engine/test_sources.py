"""Reading at scale: units in read order, JSON Lines shards and Parquet read lazily (no Ray needed)."""
from __future__ import annotations

import itertools
import json
import tracemalloc

import pytest

from engine_articles import records, write_jsonl, write_text_tree
from shared_data import need_module
from narrascope.doc import Article
from narrascope.errors import NarrascopeError
from narrascope.engine import sources
from narrascope.ingest import read_paths
from narrascope.pipeline import load_config


def _key(item):
    return ("err", str(item)) if isinstance(item, NarrascopeError) else ("art", item.id, item.content_hash)


def test_units_read_like_read_paths(tmp_path):
    write_text_tree(tmp_path / "tree", 9)
    write_jsonl(tmp_path / "tree" / "north" / "shard.jsonl", 3)
    (tmp_path / "tree" / "south" / "empty.txt").write_text("")
    paths = [tmp_path / "tree", tmp_path / "missing.txt"]
    config = load_config()
    units = list(sources.plan_units(paths, files_per_unit=2))
    assert {"shard": str(tmp_path / "tree" / "north" / "shard.jsonl")} in units
    assert all(len(u["files"]) <= 2 for u in units if "files" in u)
    # Units hold paths only, and reading them gives what read_paths gives, in the same order.
    assert all(isinstance(v, (str, list)) for u in units for v in u.values())
    ours = [_key(x) for u in units for x in sources.read_unit(json.loads(json.dumps(u)), config)]
    assert ours == [_key(x) for x in read_paths(paths, config)]
    assert any(k[0] == "err" and "E001" in k[1] for k in ours) and any("E007" in k[1] for k in ours if k[0] == "err")


def test_errors_cross_processes_unchanged(tmp_path):
    err = next(read_paths([tmp_path / "nope.txt"]))
    again = sources.error_from_dict(json.loads(json.dumps(sources.error_to_dict(err))))
    assert type(again) is type(err) and str(again) == str(err) and again.code == "E007"


def test_jsonl_shard_is_streamed(tmp_path):
    shard = write_jsonl(tmp_path / "big.jsonl", 3000)
    size = shard.stat().st_size
    tracemalloc.start()
    first = list(itertools.islice(sources.read_unit({"shard": str(shard)}, load_config()), 5))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [a.id for a in first] == [f"rec{i:05d}" for i in range(5)]
    assert peak < size / 10, f"reading 5 records took {peak} bytes of a {size}-byte shard"


def test_parquet_read_lazily_by_row_group(tmp_path):
    pa = need_module("pyarrow", "pyarrow comes with the optional extra: pip install 'narrascope[ray]'")
    import pyarrow.parquet as pq

    rows = records(6000)
    rows[7]["text"] = "   "  # a row without text: reported, the rest go on
    path = tmp_path / "part-000.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=100)
    table_bytes = pa.Table.from_pylist(rows).nbytes
    before = pa.total_allocated_bytes()
    peak = 0
    items = []
    for item in sources.read_parquet(path, load_config(), batch_rows=50):
        peak = max(peak, pa.total_allocated_bytes() - before)
        items.append(item)
    assert peak < table_bytes / 8, f"peak Arrow memory {peak} for a {table_bytes}-byte table"
    errors = [x for x in items if isinstance(x, NarrascopeError)]
    assert len(errors) == 1 and "E010" in str(errors[0]) and "record 8" in str(errors[0]) and str(path) in str(errors[0])
    arts = [x for x in items if isinstance(x, Article)]
    assert len(arts) == 5999 and arts[0].id == "rec00000" and arts[0].outlet == "Example Wire"
    assert arts[0].source_format == "parquet" and arts[0].published == "2024-03-01" and arts[0].content_hash
    assert arts[0].title.startswith("Pavel Orlov warns")


def test_bad_parquet_is_a_clear_error(tmp_path):
    bad = tmp_path / "broken.parquet"
    bad.write_bytes(b"PAR1 this is not parquet")
    items = list(sources.read_sources([bad], load_config()))
    assert len(items) == 1 and "E504" in str(items[0]) and str(bad) in str(items[0])
