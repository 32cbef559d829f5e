"""The local engine: read lazily, flag duplicates, run the pipeline in batches."""
from __future__ import annotations

from typing import Iterable, Iterator

from ..doc import Article
from ..errors import NarrascopeError
from ..ingest.dedup import Deduplicator
from ..pipeline import Pipeline
from .sources import read_sources  # read_paths plus Parquet (pyarrow imported only when needed)


def run_local(paths: Iterable[str], config: dict, *, pipeline: Pipeline | None = None, batch_size: int = 8,
              skip_ids: set[str] | None = None, skip_hashes: set[str] | None = None) -> Iterator[Article | NarrascopeError]:
    pipeline = pipeline or Pipeline.from_config(config)
    dedup = Deduplicator(threshold=config.get("ingest", {}).get("near_duplicate_threshold", 0.85))
    batch: list[Article] = []
    for item in read_sources(paths, config):
        if isinstance(item, NarrascopeError):
            yield item
            continue
        if skip_ids and item.id in skip_ids:
            continue
        dedup.check(item)
        # Already stored (resumed ingest): seen by dedup above, but not analysed again.
        if skip_hashes and (item.content_hash or item.compute_hash()) in skip_hashes:
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from pipeline.pipe(batch, batch_size=batch_size)
            batch = []
    if batch:
        yield from pipeline.pipe(batch, batch_size=batch_size)
