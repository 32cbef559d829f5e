"""Quality and speed of the plain-text cleaner (narrascope.clean), rules alone and with the learned line model.

Prints, line level: boilerplate precision / recall / F1 and article-line loss (count and share of
article lines removed) on
  * eval/cleaning/train (own pages the line model is trained on: in-sample for the model)
  * eval/cleaning/dev   (own articles; rules tuned on them)
  * eval/cleaning/test  (own articles, held out: never tuned on)
  * the article-extraction benchmark in ../shared, each page rendered to its visible text lines
    at run time (a line is article when it lies in the page's articleBody):
      - with the bundled model: in-sample (the model was trained on these pages);
      - BY HELD-OUT SITE: GroupKFold over the pages' domains, the model trained on the other
        sites' pages (+ eval/cleaning/train), its thresholds picked by an inner CV on those sites,
        each page scored by a model that never saw its site (eval/cleaning/train_line_model.py);
      - experiments at other operating points (out-of-fold probabilities by site).
and speed in articles per second, with and without the model; and how many lines it removes from
the SemEval-2025 articles (curated text, no gold).

    .venv/bin/python bench/quality_cleaning.py [--shared ../shared] [--show-errors] [--only SET] [--no-cv]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval" / "cleaning"))

from narrascope.clean import clean_text  # noqa: E402
from narrascope.clean.evaluate import benchmark_docs, load_gold, score  # noqa: E402


def report(name: str, docs, show_errors: bool, line_model: bool = False) -> None:
    sc = score(docs, clean=lambda text, title=None, language=None: clean_text(text, title, language, line_model=line_model))
    name += " + model" if line_model else ", rules only"
    print(f"{name:<52} docs={len(docs):>4} article_lines={sc.article_lines:>5} boilerplate_lines={sc.boilerplate_lines:>5}  "
          f"P={sc.precision:.3f} R={sc.recall:.3f} F1={sc.f1:.3f}  article_lines_lost={sc.fp} ({sc.loss_share:.2%})  "
          f"prose_lines_lost={len(sc.prose_lost)}/{sc.prose_lines} ({sc.prose_loss_share:.2%})")
    if show_errors:
        for s in sc.lost:
            print("   LOST   " + (" (prose)" if s in sc.prose_lost else ""), s)
        for s in sc.missed:
            print("   MISSED ", s)


def semeval_removals(folder: Path, line_model: bool = False) -> None:
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
        result = clean_text(body, title=title.strip() or None, line_model=line_model)
        n_docs += 1
        n_lines += len(paragraphs(body))
        by_reason.update(r.reason for r in result.removed)
    total = sum(by_reason.values())
    print(f"SemEval-2025 articles{' + model' if line_model else ''} (curated; no gold): docs={n_docs} lines={n_lines} "
          f"removed={total} ({total / max(n_lines, 1):.2%}) " + " ".join(f"{k}={v}" for k, v in by_reason.most_common()))


def speed(docs, repeat: int = 3, line_model: bool = False) -> float:
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            clean_text(d.text, title=d.title, language=d.language, line_model=line_model)
    return repeat * len(docs) / (time.perf_counter() - t0)


def held_out_sites(shared: Path) -> None:
    """The benchmark scored by held-out site (nested GroupKFold by domain), and the operating points that lost."""
    import train_line_model as T

    t0 = time.perf_counter()
    bench, groups = T.load_bench(shared)
    own = T.load_own()
    print(f"extraction benchmark BY HELD-OUT SITE: {len(bench)} pages, {len(set(groups))} sites, 5 folds by domain "
          f"(the model of each fold never saw the sites it scores)")
    print(T.line("rules only", bench, [d["rule"] for d in bench]))
    removed, thresholds = T.site_cv(bench, own, groups, log=lambda m: None)
    print(T.line(f"rules + model (thresholds per fold {thresholds})", bench, removed))
    # Experiments: out-of-fold probabilities by site (5 folds), scored at fixed operating points.
    probs = T.oof_probs(bench, own, groups, list(range(len(bench))), k=5)
    print("  experiments, out-of-fold by site, fixed thresholds (add = drop a kept line at p >= add; keep = keep a "
          "layout-dropped line at p < keep):")
    for ta, tk in ((0.9999, 0.0), (0.9995, 0.0), (0.999, 0.0), (0.998, 0.0), (0.995, 0.0), (0.99, 0.0), (0.98, 0.0),
                   (0.95, 0.0), (0.9, 0.0), (0.5, 0.0), (1.01, 0.3), (1.01, 0.5), (1.01, 0.9)):
        print(T.line(f"    add {ta} keep {tk}", bench, T.predict_from(bench, probs, (ta, tk))))
    probs_b = T.oof_probs(bench, [], groups, list(range(len(bench))), k=5)
    print(T.line("    trained without own pages, add 0.99 keep 0.0", bench, T.predict_from(bench, probs_b, (0.99, 0.0))))
    print(f"  ({time.perf_counter() - t0:.0f}s)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared data folder")
    ap.add_argument("--show-errors", action="store_true", help="list lost article lines and missed boilerplate (rules only)")
    ap.add_argument("--only", choices=["train", "dev", "test", "benchmark", "semeval"], help="one set only")
    ap.add_argument("--no-cv", action="store_true", help="skip the by-held-out-site cross-validation (~3-6 min)")
    args = ap.parse_args()

    sets = []
    for part, name in (("train", "own train pages (model trained on them)"), ("dev", "own set, dev"),
                       ("test", "own set, held-out test")):
        if args.only in (None, part):
            sets.append((name, load_gold(ROOT / "eval" / "cleaning" / part)))
    bench_dir = Path(args.shared) / "data" / "article-extraction-benchmark"
    if args.only in (None, "benchmark"):
        if bench_dir.exists():
            t0 = time.perf_counter()
            docs = benchmark_docs(bench_dir)
            print(f"(rendered {len(docs)} benchmark pages in {time.perf_counter() - t0:.1f}s)")
            sets.append(("extraction benchmark (model: in-sample)", docs))
        else:
            print(f"(skipping the extraction benchmark: {bench_dir} not found)")
    for name, docs in sets:
        report(name, docs, args.show_errors)
        report(name, docs, False, line_model=True)
    if args.only in (None, "benchmark") and bench_dir.exists() and not args.no_cv:
        held_out_sites(Path(args.shared))
    semeval = Path(args.shared) / "data" / "semeval2025"
    if args.only in (None, "semeval") and semeval.exists():
        semeval_removals(semeval)
        semeval_removals(semeval, line_model=True)
    for name, docs in sets:
        if name.startswith("own train"):
            continue
        rep = 3 if len(docs) < 100 else 1
        print(f"speed on {name:<40} {speed(docs, rep):8.1f} articles/s rules only, "
              f"{speed(docs, rep, line_model=True):8.1f} with the model")
    return 0


if __name__ == "__main__":
    sys.exit(main())
