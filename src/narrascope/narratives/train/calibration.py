"""Calibration: the Other stack, Platt maps per level, P(subnarrative | not Other) (polarity-aware for the
polar labels), tier cut-points, and the measures of calibration (Brier score, expected calibration error).
Every map is fitted on the rows it is given: in cross-validation, the other folds' out-of-fold rows."""
from __future__ import annotations

import numpy as np

from ..features import logit, sigmoid
from .fitting import fit_logistic, fit_platt
from .tuning import LabelSpace

TIER_PRECISION = {"confident": 0.75, "likely": 0.5}  # precision of the labels at or above each cut-point
TIER_GRID = [round(0.02 * i, 2) for i in range(1, 50)]


def stack_features(P: np.ndarray, n_narratives: int, p_tfidf: np.ndarray | None = None) -> np.ndarray:
    cols = [logit(P[:, -1]), logit(P[:, :n_narratives].max(1))]
    if p_tfidf is not None:
        cols.append(logit(p_tfidf))
    return np.stack(cols, axis=1)


def fit_other_stack(P, Y, n_narratives: int, p_tfidf=None) -> list[float]:
    """Other = sigmoid(a logit P_other + b logit max P_narrative [+ d logit P_tfidf] + c): [a, b, (d,) c]."""
    return fit_logistic(stack_features(P, n_narratives, p_tfidf), Y[:, -1], C=1.0, balanced=True)


def apply_other_stack(P, stack, n_narratives: int, p_tfidf=None) -> np.ndarray:
    if not stack:
        return P
    out = P.copy()
    out[:, -1] = sigmoid(stack_features(P, n_narratives, p_tfidf) @ np.asarray(stack[:-1]) + stack[-1])
    return out


def calibrate_levels(P: np.ndarray, Y: np.ndarray, space: LabelSpace) -> dict[str, list[float]]:
    n, s = len(space.narr), len(space.subs)
    return {"narrative": fit_platt(P[:, :n].ravel(), Y[:, :n].ravel()),
            "subnarrative": fit_platt(P[:, n:n + s].ravel(), Y[:, n:n + s].ravel()),
            "other": fit_platt(P[:, -1], Y[:, -1])}


def apply_levels(P: np.ndarray, space: LabelSpace, calib: dict[str, list[float]]) -> np.ndarray:
    out = P.copy()
    n, s = len(space.narr), len(space.subs)
    for level, cols in (("narrative", slice(0, n)), ("subnarrative", slice(n, n + s)), ("other", slice(n + s, n + s + 1))):
        a, c = calib.get(level, [1.0, 0.0])
        out[:, cols] = sigmoid(a * logit(P[:, cols]) + c)
    return out


def calibrate_conditional(P: np.ndarray, Y: np.ndarray, space: LabelSpace, net: np.ndarray | None = None,
                          polar: dict[str, int] | None = None, min_positives: int = 8) -> dict:
    """Platt maps to P(subnarrative | not Other) on the non-Other rows: listed subnarratives and "X: Other"
    apart; a polar label with enough positives gets its own map that also reads the text's polarity
    (sigmoid(a logit p + g net + c)), fitted with a sign constraint (g has the label's side or is 0)."""
    n, s = len(space.narr), len(space.subs)
    m = ~Y[:, -1]
    Ps, Ys = P[m][:, n:n + s], Y[m][:, n:n + s]
    out = {"listed": fit_platt(Ps[:, ~space.is_other_sub].ravel(), Ys[:, ~space.is_other_sub].ravel()),
           "x_other": fit_platt(Ps[:, space.is_other_sub].ravel(), Ys[:, space.is_other_sub].ravel()), "polar": {}}
    if net is not None and polar:
        idx = {l: j for j, l in enumerate(space.subs)}
        for label, side in polar.items():
            j = idx.get(label)
            if j is None or Ys[:, j].sum() < min_positives:
                continue
            X = np.stack([logit(Ps[:, j]), net[m]], axis=1)
            a, g, c = fit_logistic(X, Ys[:, j], C=10.0)
            if g * side < 0:  # the data disagree with the label's side: no polarity term
                a, c = fit_platt(Ps[:, j], Ys[:, j])
                g = 0.0
            out["polar"][label] = [a, g, c]
    return out


def apply_conditional(P: np.ndarray, space: LabelSpace, calib: dict, net: np.ndarray | None = None) -> np.ndarray:
    n, s = len(space.narr), len(space.subs)
    Ps = logit(P[:, n:n + s])
    out = np.empty_like(Ps)
    for key, cols in (("listed", ~space.is_other_sub), ("x_other", space.is_other_sub)):
        a, c = calib[key]
        out[:, cols] = sigmoid(a * Ps[:, cols] + c)
    if net is not None:
        idx = {l: j for j, l in enumerate(space.subs)}
        for label, (a, g, c) in (calib.get("polar") or {}).items():
            j = idx[label]
            out[:, j] = sigmoid(a * Ps[:, j] + g * net + c)
    return out


def tier_cuts(scores: np.ndarray, correct: np.ndarray) -> list[float]:
    """[confident, likely] cut-points: the lowest score from which the labels at or above it reach the tier's
    precision (TIER_PRECISION); 1.01 when none does."""
    out = []
    for tier in ("confident", "likely"):
        target = TIER_PRECISION[tier]
        cut = 1.01
        for c in TIER_GRID:
            sel = scores >= c
            if sel.sum() >= 10 and correct[sel].mean() >= target:
                cut = c
                break
        out.append(cut)
    out[1] = min(out[1], out[0])
    return out


def brier(p: np.ndarray, y: np.ndarray, w: np.ndarray | None = None) -> float:
    p, y = np.asarray(p, float), np.asarray(y, float)
    w = np.ones(len(p)) if w is None else np.asarray(w, float)
    return float((w * (p - y) ** 2).sum() / w.sum()) if len(p) else float("nan")


def ece(p: np.ndarray, y: np.ndarray, w: np.ndarray | None = None, bins: int = 10) -> float:
    """Expected calibration error over equal-width bins (``w``: article weights, e.g. to the evaluation prior)."""
    p, y = np.asarray(p, float), np.asarray(y, float)
    w = np.ones(len(p)) if w is None else np.asarray(w, float)
    if not len(p):
        return float("nan")
    b = np.minimum((p * bins).astype(int), bins - 1)
    tot = 0.0
    for k in range(bins):
        m = b == k
        if m.any():
            tot += abs(np.average(p[m], weights=w[m]) - np.average(y[m], weights=w[m])) * w[m].sum()
    return float(tot / w.sum())
