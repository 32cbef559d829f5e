"""Article-body extraction quality of narrascope's HTML ingest, on the public benchmark.

Runs every page of ../shared/data/article-extraction-benchmark (181 news and blog
pages, MIT-licensed by Zyte) through ``narrascope.ingest.read_path`` — the same
path as ``narrascope analyze page.html`` — and scores ``Article.text`` against the
human-checked ``articleBody`` with the benchmark's own metric: token 4-gram
shingles (tokens are ``\\w+`` runs), per-page true/false positives and negatives
normalised to sum to 1, precision and recall averaged over pages, F1 from the
two averages. Prints the figures beside the published ones in the README.

    .venv/bin/python bench/html_extraction.py
    .venv/bin/python bench/html_extraction.py --set favor_precision=true   # try an option
    .venv/bin/python bench/html_extraction.py --sweep                        # compare option sets

The data stays in ../shared; nothing from it is written into the project.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("NARRASCOPE_SHARED", ROOT.parent / "shared")) / "data" / "article-extraction-benchmark"

PUBLISHED = [  # article-body F1 from the benchmark README (../shared/.../README.md)
    ("trafilatura 2.0.0", 0.958),
    ("newspaper4k", 0.949),
    ("news-please", 0.948),
    ("readability-lxml", 0.922),
    ("goose3", 0.896),
    ("jusText", 0.804),
]
# Each set is complete (it overrides narrascope's defaults in narrascope/ingest/html.py).
_OFF = {"fast": False, "favor_recall": False, "favor_precision": False, "include_tables": True}
SWEEP = {
    "trafilatura defaults, no comments": dict(_OFF),
    "favor_precision": {**_OFF, "favor_precision": True},
    "favor_recall": {**_OFF, "favor_recall": True},
    "no tables": {**_OFF, "include_tables": False},
    "fast (no fallback)": {**_OFF, "fast": True},
    "fast + favor_precision": {**_OFF, "fast": True, "favor_precision": True},
    "fast + favor_recall (narrascope default)": {**_OFF, "fast": True, "favor_recall": True},
}
_TOKEN = re.compile(r"\w+")


def shingle_counts(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def page_scores(true: str, pred: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where undefined (nothing predicted / nothing to find)."""
    t, p = shingle_counts(true), shingle_counts(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    if fp == fn == 0:
        precision = recall = 1.0
    else:
        precision = 0.0 if tp == fp == 0 else tp / (tp + fp)
        recall = 0.0 if tp == fn == 0 else tp / (tp + fn)
    return (precision if tp + fp > 0 else None), (recall if tp + fn > 0 else None)


def evaluate(options: dict, truth: dict, include_title: bool = False) -> dict:
    from narrascope.doc import Article
    from narrascope.ingest import read_path
    from narrascope.pipeline import load_config

    config = load_config()
    config["ingest"]["html"] = {**copy.deepcopy(config["ingest"].get("html", {})), **options}
    precisions, recalls, failures = [], [], 0
    t0 = time.perf_counter()
    for key, gold in truth.items():
        pred = ""
        for item in read_path(DATA / "html" / f"{key}.html.gz", config):
            if isinstance(item, Article):
                pred = (item.title + "\n" + item.text) if include_title and item.title else item.text
            else:
                failures += 1
        p, r = page_scores(gold.get("articleBody", ""), pred)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
    seconds = time.perf_counter() - t0
    precision, recall = statistics.mean(precisions), statistics.mean(recalls)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall),
            "failures": failures, "pages_per_s": len(truth) / seconds}


def _parse_value(text: str):
    low = text.lower()
    if low in ("true", "false"):
        return low == "true"
    try:
        return int(text)
    except ValueError:
        return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", default=[], metavar="OPTION=VALUE", help="a trafilatura option for this run")
    parser.add_argument("--sweep", action="store_true", help="compare the option sets in SWEEP")
    parser.add_argument("--with-title", action="store_true", help="score title + text instead of text alone")
    args = parser.parse_args(argv)
    if not (DATA / "ground-truth.json").exists():
        print(f"needs {DATA} (the ../shared data folder beside the repo); not present, nothing measured.")
        return 0
    truth = json.loads((DATA / "ground-truth.json").read_text("utf-8"))
    runs = SWEEP if args.sweep else {"narrascope (config default)": {}}
    if args.set:
        runs = {"narrascope " + " ".join(args.set): {k: _parse_value(v) for k, v in (s.split("=", 1) for s in args.set)}}
    print(f"Article-body extraction, {len(truth)} pages of the article-extraction benchmark "
          f"(token 4-gram shingle F1, the benchmark's metric)")
    print(f"{'system':<44} {'F1':>6} {'prec':>6} {'recall':>6} {'failed':>6} {'pages/s':>8}")
    for name, options in runs.items():
        m = evaluate(options, truth, include_title=args.with_title)
        print(f"{name:<44} {m['f1']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f} {m['failures']:6d} {m['pages_per_s']:8.1f}")
        sys.stdout.flush()
    print("published (benchmark README):")
    for name, f1 in PUBLISHED:
        print(f"  {name:<42} {f1:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
