"""The label matrix, the per-article F1 of the official scorer, and the expected-F1 decoder over arrays;
the ``Other`` bias tuned for an evaluation prior (``other_prior``: the official sets hold ~25% ``Other``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from ..features import logit
from ..labels import expected_f1_set
from ..taxonomy import Taxonomy

GRID_OTHER_BIAS = [round(-3.0 + 0.25 * i, 2) for i in range(25)]  # log-odds added to P(Other)


@dataclass
class LabelSpace:
    taxonomy: Taxonomy
    conflicts: dict[str, set[str]] = field(default_factory=dict)  # labels that may not stand together
    labels: list[str] = field(default_factory=list)  # narratives, subnarratives, Other

    def __post_init__(self) -> None:
        t = self.taxonomy
        self.narr = t.narrative_labels
        self.subs = t.subnarrative_labels
        self.labels = self.narr + self.subs + [t.other_label]
        ni = {l: i for i, l in enumerate(self.narr)}
        self.parent = np.array([ni[t.parent(s)] for s in self.subs], dtype=int)
        self.is_other_sub = np.array([t.subnarrative(s).is_other for s in self.subs], dtype=bool)

    def matrix(self, label_sets: Sequence[tuple[list[str], list[str]]]) -> np.ndarray:
        index = {l: i for i, l in enumerate(self.labels)}
        Y = np.zeros((len(label_sets), len(self.labels)), dtype=bool)
        for r, (narr, subs) in enumerate(label_sets):
            for l in (*narr, *subs):
                if l in index:
                    Y[r, index[l]] = True
        return Y

    def split(self, M: np.ndarray):
        n, s = len(self.narr), len(self.subs)
        return M[:, :n], M[:, n:n + s], M[:, -1]

    def expected_f1_sets(self, Pc: np.ndarray, max_labels: int = 8) -> tuple[np.ndarray, np.ndarray]:
        """``labels.expected_f1_set`` for every row of ``Pc`` (P(sub | not Other)): (S, ef1)."""
        S = np.zeros(Pc.shape, dtype=bool)
        ef1 = np.zeros(len(Pc))
        index = {l: j for j, l in enumerate(self.subs)}
        for i, row in enumerate(Pc):
            chosen, ef1[i] = expected_f1_set(list(zip(self.subs, row.tolist())), self.conflicts, max_labels)
            S[i, [index[l] for l in chosen]] = True
        return S, ef1

    def narratives_of(self, S: np.ndarray) -> np.ndarray:
        N = np.zeros((len(S), len(self.narr)), dtype=bool)
        for j in range(S.shape[1]):
            N[:, self.parent[j]] |= S[:, j]
        return N

    def f1_sets(self, S: np.ndarray, O: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per-article (F1@coarse, F1@fine) of subnarrative sets S (narratives = their parents) or Other."""
        S = S & ~O[:, None]
        N = self.narratives_of(S)
        Gn, Gs, Go = self.split(Y)
        return set_f1(N, Gn, O, Go), set_f1(S, Gs, O, Go)


def set_f1(P, G, Po, Go):
    tp = (P & G).sum(1) + (Po & Go)
    den = P.sum(1) + G.sum(1) + Po + Go
    return np.where(den > 0, 2 * tp / np.maximum(den, 1), 0.0)


@dataclass
class ExpectedF1Inputs:
    """Per article, computed once: the best subnarrative set and its expected F1, and the F1s of
    answering that set or answering Other."""

    S: np.ndarray
    ef1: np.ndarray
    other_logit: np.ndarray
    f1_sets: tuple[np.ndarray, np.ndarray]
    f1_other: tuple[np.ndarray, np.ndarray]

    @classmethod
    def build(cls, Pc_sub: np.ndarray, P_other: np.ndarray, Y: np.ndarray, space: LabelSpace, max_labels: int) -> "ExpectedF1Inputs":
        S, ef1 = space.expected_f1_sets(Pc_sub, max_labels)
        n = len(Y)
        return cls(S, ef1, logit(P_other), space.f1_sets(S, np.zeros(n, bool), Y), space.f1_sets(S, np.ones(n, bool), Y))

    def other(self, bias) -> np.ndarray:
        """Answer Other when P'(Other) >= (1 - P'(Other)) * ef1, i.e. logit P(Other) + bias >= log(ef1)."""
        return (self.other_logit + bias >= np.log(np.maximum(self.ef1, 1e-9))) | (self.ef1 <= 0)

    def f1(self, bias) -> tuple[np.ndarray, np.ndarray]:
        O = self.other(bias)
        return np.where(O, self.f1_other[0], self.f1_sets[0]), np.where(O, self.f1_other[1], self.f1_sets[1])


def prior_weights(is_other: np.ndarray, other_prior: float) -> np.ndarray:
    """Article weights that give Other articles the share ``other_prior``."""
    w = np.ones(len(is_other))
    if is_other.any() and (~is_other).any():
        w[is_other] = other_prior / (1 - other_prior) * (~is_other).sum() / is_other.sum()
    return w


def tune_other_bias(inp: ExpectedF1Inputs, Y: np.ndarray, languages: np.ndarray, other_prior: float, min_other_f1: float = 0.0,
                    min_other_articles: int = 10, rows: np.ndarray | None = None) -> tuple[float, dict[str, float]]:
    """The Other bias (global, and per language where it has enough Other and non-Other articles) that
    maximises F1@fine re-weighted to ``other_prior`` Other articles, on ``rows`` only."""
    def best_bias(m: np.ndarray) -> float:
        is_other = Y[m, -1]
        w = prior_weights(is_other, other_prior)
        best, arg = -np.inf, 0.0
        for b in GRID_OTHER_BIAS:
            ff = inp.f1(b)[1][m]
            obj = (ff * w).sum() / w.sum()
            if is_other.any():
                obj -= 10 * max(0.0, min_other_f1 - ff[is_other].mean())
            if obj > best + 1e-12:
                best, arg = obj, b
        return arg

    rows = np.ones(len(Y), bool) if rows is None else rows
    glob = best_bias(rows)
    by_lang = {}
    for lang in sorted(set(languages[rows].tolist())):
        m = (languages == lang) & rows
        if Y[m, -1].sum() >= min_other_articles and (~Y[m, -1]).sum() >= min_other_articles:
            by_lang[lang] = best_bias(m)
    return glob, by_lang


def bias_vector(languages: np.ndarray, glob: float, by_lang: dict[str, float]) -> np.ndarray:
    return np.array([by_lang.get(l, glob) for l in languages.tolist()], dtype=float)
