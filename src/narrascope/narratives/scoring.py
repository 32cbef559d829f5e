"""F1@coarse and F1@fine, computed as the official SemEval-2025 Task 10 subtask-2 scorer does.

Per article: F1 between the gold and the predicted label sets, after dropping labels that are not in the
class list (an article with both sets empty scores 0). The score is the mean over the gold articles and the
reported spread is the population standard deviation of the per-article F1. ``Other`` is an ordinary label.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .semeval import Annotation


def set_f1(gold: set[str], pred: set[str]) -> float:
    if not gold or not pred:
        return 0.0
    tp = len(gold & pred)
    if tp == 0:
        return 0.0
    p, r = tp / len(pred), tp / len(gold)
    return 2 * p * r / (p + r)


@dataclass
class Score:
    f1_coarse: float
    std_coarse: float
    f1_fine: float
    std_fine: float
    n: int
    missing: list[str]  # gold ids without a prediction (scored as empty predictions)
    unknown_labels: list[str]  # predicted labels outside the class lists (dropped)

    def line(self) -> str:
        return f"F1@coarse {self.f1_coarse:.3f} (std {self.std_coarse:.3f})  F1@fine {self.f1_fine:.3f} (std {self.std_fine:.3f})  n={self.n}"


def per_article_f1(gold: dict[str, Annotation], pred: dict[str, Annotation], coarse_classes, fine_classes,
                   ids: list[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    coarse, fine = set(coarse_classes), set(fine_classes)
    ids = list(gold) if ids is None else ids
    fc, ff = [], []
    for i in ids:
        g, p = gold[i], pred.get(i)
        pn = set(p.narratives) if p else set()
        ps = set(p.subnarratives) if p else set()
        fc.append(set_f1(set(g.narratives) & coarse, pn & coarse))
        ff.append(set_f1(set(g.subnarratives) & fine, ps & fine))
    return np.asarray(fc, dtype=float), np.asarray(ff, dtype=float)


def score(gold: dict[str, Annotation], pred: dict[str, Annotation], coarse_classes, fine_classes,
          ids: list[str] | None = None) -> Score:
    """Score ``pred`` against ``gold`` over ``ids`` (default: every gold article)."""
    ids = list(gold) if ids is None else ids
    fc, ff = per_article_f1(gold, pred, coarse_classes, fine_classes, ids)
    known = set(coarse_classes) | set(fine_classes)
    unknown = sorted({l for i in ids if i in pred for l in (*pred[i].narratives, *pred[i].subnarratives)} - known)
    missing = [i for i in ids if i not in pred]
    mean = lambda a: float(a.mean()) if len(a) else 0.0  # noqa: E731
    std = lambda a: float(a.std()) if len(a) else 0.0  # noqa: E731
    return Score(mean(fc), std(fc), mean(ff), std(ff), len(ids), missing, unknown)
