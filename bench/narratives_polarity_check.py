"""How the polarity lexicon (narratives/polarity.py) reads the SemEval training articles: per polar label, the
articles carrying it, their mean polarity ``net`` (> 0: "Russia is losing"), and the share whose net has the
label's side (of those with any side at all). An outside check of a lexicon written with the pairs set.

    .venv/bin/python bench/narratives_polarity_check.py
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRASCOPE_SHARED", ROOT.parent / "shared"))


def main() -> int:
    from narrascope.narratives import polarity as pol
    from narrascope.narratives.train import load_examples

    data = SHARED / "data" / "semeval2025" / "train"
    if not data.is_dir():
        print(f"needs {data}", file=sys.stderr)
        return 2
    ex = load_examples(data)
    nets = np.array([pol.net(pol.counts(e.article.text, e.article.analysis.embedded_sentences, e.article.title)) for e in ex])
    print(f"{len(ex)} articles; with any side-marked sentence: {(nets != 0).sum()}")
    print("| polar label | side | articles | mean net | net has the label's side (of net != 0) |")
    print("|---|---|---|---|---|")
    for label, side in pol.POLAR_LABELS.items():
        m = np.array([label in e.subnarratives for e in ex])
        nz = m & (nets != 0)
        agree = ((np.sign(nets[nz]) == side).mean()) if nz.any() else float("nan")
        print(f"| {label} | {'+' if side > 0 else '-'} | {int(m.sum())} | {nets[m].mean():+.3f} | {agree:.2f} ({int(nz.sum())}) |")
    other = np.array([e.narratives == ["Other"] for e in ex])
    print(f"| Other articles | | {int(other.sum())} | {nets[other].mean():+.3f} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
