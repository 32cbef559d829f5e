"""Ingest speed and shape figures on the SemEval-2025 folders in ../shared.

Reads ../shared/data/semeval2025/{train,test} with ``narrascope.ingest.read_paths``,
flags duplicates with ``Deduplicator``, identifies the language of every training
document, and prints: articles read per second, duplicates flagged, share of
documents with a detected title, and language-identification accuracy against
the folder language.

    .venv/bin/python bench/ingest_throughput.py
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("NARRASCOPE_SHARED", ROOT.parent / "shared")) / "data" / "semeval2025"


def main() -> int:
    from narrascope.doc import Article
    from narrascope.ingest import read_paths
    from narrascope.ingest.dedup import Deduplicator
    from narrascope.ingest.language import detect_language

    if not DATA.exists():
        print(f"needs {DATA} (the ../shared data folder beside the repo); not present, nothing measured.")
        return 0
    t0 = time.perf_counter()
    items = list(read_paths([DATA / "train", DATA / "test"]))
    read_s = time.perf_counter() - t0
    arts = [a for a in items if isinstance(a, Article)]
    dedup = Deduplicator()
    t0 = time.perf_counter()
    flagged = [a for a in arts if dedup.check(a)]
    dedup_s = time.perf_counter() - t0
    train = [a for a in arts if f"{os.sep}train{os.sep}" in a.source_path]
    t0 = time.perf_counter()
    right = sum(detect_language(a.text)[0] == a.meta.get("semeval_lang") for a in train)
    lang_s = time.perf_counter() - t0
    print(f"read:      {len(arts)} articles ({len(items) - len(arts)} errors) in {read_s:.2f}s = {len(arts) / read_s:.0f} articles/s")
    print(f"titles:    {sum(a.title is not None for a in arts) / len(arts):.3f} of documents have a detected title line")
    print(f"dedup:     {len(arts) / dedup_s:.0f} articles/s; {len(flagged)} flagged "
          f"({sum(a.duplicate_of.kind == 'exact' for a in flagged)} exact, {sum(a.duplicate_of.kind == 'near' for a in flagged)} near)")
    print(f"language:  {right}/{len(train)} = {right / len(train):.4f} of training documents match the folder language, "
          f"{len(train) / lang_s:.0f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
