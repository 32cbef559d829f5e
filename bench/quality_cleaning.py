"""Quality and speed of the plain-text cleaner (narrascope.clean).

Prints, line level: boilerplate precision / recall / F1 and article-line loss
(count and share of article lines removed) on
  * eval/cleaning/dev   (articles written for this project; rules tuned on them)
  * eval/cleaning/test  (held out: written at the same time, never tuned on)
  * the article-extraction benchmark in ../shared, rendered to visible text
    lines at run time (a line is article when it lies in the page's articleBody)
and speed in articles per second. Also how many lines it removes from the SemEval-2025 articles
(curated text, no gold: an upper bound on article lines lost there). The same figures follow with the optional learned line model
(narrascope/clean/line_model.json, trained on the benchmark pages: its benchmark row is therefore
in-sample; eval/cleaning/train_line_model.py prints the cross-validated figure).

    .venv/bin/python bench/quality_cleaning.py [--shared ../shared] [--show-errors]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from narrascope.clean import clean_text  # noqa: E402
from narrascope.clean.evaluate import benchmark_docs, load_gold, score  # noqa: E402


def report(name: str, docs, show_errors: bool, line_model: bool = False) -> None:
    sc = score(docs, clean=lambda text, title=None, language=None: clean_text(text, title, language, line_model=line_model))
    if line_model:
        name += " +model"
        show_errors = False
    print(f"{name:<34} docs={len(docs):>4} article_lines={sc.article_lines:>5} boilerplate_lines={sc.boilerplate_lines:>5}  "
          f"P={sc.precision:.3f} R={sc.recall:.3f} F1={sc.f1:.3f}  article_lines_lost={sc.fp} ({sc.loss_share:.2%})")
    if show_errors:
        for s in sc.lost:
            print("   LOST   ", s)
        for s in sc.missed:
            print("   MISSED ", s)


def semeval_removals(folder: Path) -> None:
    """SemEval-2025 articles were cleaned by their curators: what we still remove is either furniture
    they left in (most of it, by inspection) or article lines lost. Counts only, no gold."""
    import collections

    from narrascope.text import paragraphs

    by_reason: collections.Counter = collections.Counter()
    n_docs = n_lines = 0
    for path in sorted(folder.glob("*/*/raw-documents/*.txt")):
        raw = path.read_text("utf-8", errors="replace")
        title, sep, body = raw.partition("\n\n")
        if not sep:
            title, body = "", raw
        result = clean_text(body, title=title.strip() or None)
        n_docs += 1
        n_lines += len(paragraphs(body))
        by_reason.update(r.reason for r in result.removed)
    total = sum(by_reason.values())
    print(f"SemEval-2025 articles (curated; no gold): docs={n_docs} lines={n_lines} removed={total} ({total / max(n_lines, 1):.2%}) "
          + " ".join(f"{k}={v}" for k, v in by_reason.most_common()))


def speed(docs, repeat: int = 3) -> float:
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            clean_text(d.text, title=d.title, language=d.language)
    return repeat * len(docs) / (time.perf_counter() - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared data folder")
    ap.add_argument("--show-errors", action="store_true", help="list lost article lines and missed boilerplate")
    ap.add_argument("--only", choices=["dev", "test", "benchmark", "semeval"], help="one set only")
    args = ap.parse_args()

    sets = []
    if args.only in (None, "dev"):
        sets.append(("own set, dev", load_gold(ROOT / "eval" / "cleaning" / "dev")))
    if args.only in (None, "test"):
        sets.append(("own set, held-out test", load_gold(ROOT / "eval" / "cleaning" / "test")))
    bench_dir = Path(args.shared) / "data" / "article-extraction-benchmark"
    if args.only in (None, "benchmark"):
        if bench_dir.exists():
            t0 = time.perf_counter()
            docs = benchmark_docs(bench_dir)
            print(f"(rendered {len(docs)} benchmark pages in {time.perf_counter() - t0:.1f}s)")
            sets.append(("extraction benchmark", docs))
        else:
            print(f"(skipping the extraction benchmark: {bench_dir} not found)")
    for name, docs in sets:
        report(name, docs, args.show_errors)
    print("with the learned line model (clean_text(..., line_model=True); off by default):")
    for name, docs in sets:
        report(name, docs, args.show_errors, line_model=True)
    semeval = Path(args.shared) / "data" / "semeval2025"
    if args.only in (None, "semeval") and semeval.exists():
        semeval_removals(semeval)
    for name, docs in sets:
        print(f"speed on {name:<22} {speed(docs, repeat=3 if len(docs) < 100 else 1):8.1f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
