"""The estimators: balanced logistic regressions on dense features and pruned ones on hashed TF-IDF rows."""
from __future__ import annotations

import numpy as np

from ..features import logit


def fit_linear(X: np.ndarray, Y: np.ndarray, C: float) -> tuple[np.ndarray, np.ndarray]:
    """One balanced logistic regression per column of Y; labels with < 2 positives get a constant -10 bias."""
    from sklearn.linear_model import LogisticRegression

    W = np.zeros((Y.shape[1], X.shape[1]), dtype=np.float32)
    b = np.full(Y.shape[1], -10.0, dtype=np.float32)
    for j in range(Y.shape[1]):
        y = Y[:, j]
        if y.sum() < 2 or y.sum() > len(y) - 2:
            continue
        m = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(X, y)
        W[j], b[j] = m.coef_[0], m.intercept_[0]
    return W, b


def fit_sparse_labels(T, Y: np.ndarray, C: float, keep: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Balanced logistic regressions on the hashed TF-IDF matrix ``T``, one per column of ``Y``, each pruned
    to its ``keep`` largest weights. Returns (offsets, indices, values, biases)."""
    from sklearn.linear_model import LogisticRegression

    offsets, idx, vals = [0], [], []
    bias = np.full(Y.shape[1], -10.0, dtype=np.float32)
    for j in range(Y.shape[1]):
        y = Y[:, j]
        top, w = np.zeros(0, np.int64), np.zeros(0, np.float32)
        if 2 <= y.sum() <= len(y) - 2:
            m = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, solver="liblinear").fit(T, y)
            coef = m.coef_[0]
            top = np.argpartition(-np.abs(coef), min(keep, len(coef) - 1))[:keep]
            top = np.sort(top[coef[top] != 0])
            w = coef[top]
            bias[j] = m.intercept_[0]
        idx.append(top.astype(np.int32))
        vals.append(w.astype(np.float32))
        offsets.append(offsets[-1] + len(top))
    return np.asarray(offsets, dtype=np.int64), np.concatenate(idx), np.concatenate(vals), bias


def fit_logistic(X: np.ndarray, y: np.ndarray, C: float = 1e4, balanced: bool = False) -> list[float]:
    """A small logistic regression (calibration maps, the Other stack): [coefficients..., intercept]."""
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=C, max_iter=1000, class_weight="balanced" if balanced else None).fit(X, y)
    return [float(v) for v in m.coef_[0]] + [float(m.intercept_[0])]


def fit_platt(p: np.ndarray, y: np.ndarray) -> list[float]:
    """sigmoid(a * logit(p) + c) fitted by logistic regression; identity when y is constant."""
    if y.sum() == 0 or y.sum() == len(y):
        return [1.0, 0.0]
    return fit_logistic(logit(p).reshape(-1, 1), y)
