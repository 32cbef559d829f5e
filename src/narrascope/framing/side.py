"""Which side an article serves, from its shared analysis: the role model's article-level input.

The same actor is cast differently by a pro-Kremlin and a pro-Ukrainian article, so the role model needs
to know the article's side. It is learned from the SemEval subtask-1 training articles, whose gold
narratives say which side they serve (``features.narrative_side``: +1 the catalogued pro-Kremlin /
climate-sceptic narratives, -1 the counter-narratives, 0 "Other"); the input is the article's mean shared
sentence vector and the side-aware polarity counts of the narratives stage (who is said to be losing,
``features.side_vector_features``). A 3-class logistic regression (standardised inputs, balanced classes); the score is P(+1) - P(-1), in [-1, 1].

During training the role model sees out-of-fold side scores (grouped by near-duplicate), so it learns
from side scores as noisy as the ones it gets in use.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

SIDES = [-1, 0, 1]


class SideModel:
    def __init__(self, coef: np.ndarray, bias: np.ndarray):
        self.coef = np.asarray(coef, np.float32)
        self.bias = np.asarray(bias, np.float32)

    def scores(self, X: np.ndarray) -> np.ndarray:
        z = np.asarray(X, np.float32) @ self.coef.T + self.bias
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        return (p[:, 2] - p[:, 0]).astype(np.float32)

    def score_article(self, article, spec: str, reading: bool = False) -> float:
        from .features import side_vector_features

        return float(self.scores(side_vector_features(article, spec, reading)[None, :])[0])


def fit_side(X: np.ndarray, y: Sequence[int], C: float = 0.03) -> SideModel:
    """Standardised inputs, balanced classes (most training articles serve the catalogued narratives); the
    standardisation is folded into the stored weights."""
    from sklearn.linear_model import LogisticRegression

    y = np.asarray(y)
    X = np.asarray(X, np.float32)
    mu, sd = X.mean(axis=0), X.std(axis=0) + 1e-3
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit((X - mu) / sd, y)
    coef = np.zeros((3, X.shape[1]), np.float32)
    bias = np.full(3, -20.0, np.float32)  # a side never seen in training is never predicted
    if len(clf.classes_) == 2:  # binary: sklearn keeps one row for the second class
        lo, hi = (SIDES.index(int(c)) for c in clf.classes_)
        coef[hi], bias[hi] = clf.coef_[0], clf.intercept_[0]
        coef[lo], bias[lo] = 0.0, 0.0
    else:
        for k, c in enumerate(clf.classes_):
            coef[SIDES.index(int(c))], bias[SIDES.index(int(c))] = clf.coef_[k], clf.intercept_[k]
    bias = bias - coef @ (mu / sd)
    coef = coef / sd
    return SideModel(coef.astype(np.float32), bias.astype(np.float32))


def oof_side_scores(X: np.ndarray, y: Sequence[int], groups: Sequence[int], folds: int = 5, C: float = 0.03) -> np.ndarray:
    """Out-of-fold side scores (folds grouped by near-duplicate group)."""
    from sklearn.model_selection import GroupKFold

    y = np.asarray(y)
    out = np.zeros(len(y), np.float32)
    k = min(folds, len(set(groups)))
    if k < 2:
        return out
    for tr, te in GroupKFold(n_splits=k).split(X, groups=groups):
        if len(set(y[tr].tolist())) < 2:
            continue
        out[te] = fit_side(X[tr], y[tr], C).scores(X[te])
    return out
