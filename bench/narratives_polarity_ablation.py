"""Polarity joint decision on / off on the same out-of-fold base scores (5-fold CV on all training articles,
every meta step off the test fold), then (``--out DIR``) the final model with the default settings from the same
scores. Used to retrain the bundled model without refitting the base models twice.

    OMP_NUM_THREADS=1 .venv/bin/python bench/narratives_polarity_ablation.py --embedding-cache .cache/narratives [--out DIR]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRASCOPE_SHARED", ROOT.parent / "shared"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--embedding-cache", default=str(ROOT / ".cache" / "narratives"))
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from narratives_cv import table

    from narrascope.narratives.taxonomy import load_taxonomy
    from narrascope.narratives.train import Trainer, TrainSettings, load_examples

    data = SHARED / "data" / "semeval2025" / "train"
    examples = load_examples(data)
    trainer = Trainer(load_taxonomy(), TrainSettings(), cache_dir=args.embedding_cache)
    prep = trainer.prepare(examples)
    folds = trainer.make_folds(prep)
    P, Pt = trainer.out_of_fold(prep, folds)
    allrows = np.ones(len(prep.Y), bool)
    for strength, joint in ((3.0, True), (0.0, True), (0.0, False)):
        t = Trainer(load_taxonomy(), TrainSettings(polarity_strength=strength, joint_polarity=joint), cache_dir=None, progress=False)
        cv = t.score_folds(prep, folds, P, Pt, allrows)
        table(f"CV on all 1781 articles, same base scores: polarity strength {strength}, joint conflicts {'on' if joint else 'off'}",
              t.summary(cv, prep))
    if args.out:
        note = ("Trained on the annotated articles (subtask-2 labels) under: semeval2025/train. These are the SemEval-2025 Task 10 "
                "training data (research use only); the model stores no training text.")
        model, _ = trainer.train(examples, data_note=note, command="narrascope train narratives", prep=prep, oof=(folds, P, Pt))
        model.save(args.out)
        print(f"model written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
