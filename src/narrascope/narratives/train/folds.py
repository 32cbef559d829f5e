"""Folds for cross-validation: near-duplicates (one article contained in another) kept in one fold.

The SemEval training data hold articles that are a longer article's first part, or the same story with a
few lines added (e.g. HI_263 / HI_275): grouped by Jaccard similarity of word 5-shingles they land in
different folds, and the model is scored on a text it has seen. Here two articles of one language share a
group when the shingles of the shorter one are, to ``threshold`` or more, found in the longer one
(containment), and groups are dealt to folds (or to a held-out part) whole.
"""
from __future__ import annotations

import re
import zlib
from typing import Sequence

import numpy as np


def shingles(text: str, n: int = 5) -> set[int]:
    w = re.findall(r"\w+", text.lower())
    return {zlib.crc32(" ".join(w[i:i + n]).encode()) for i in range(max(1, len(w) - n + 1))}


def duplicate_groups(texts: Sequence[str], languages: Sequence[str], threshold: float = 0.8,
                     measure: str = "containment") -> np.ndarray:
    """Group id per article: articles of one language where |A & B| / min(|A|, |B|) >= threshold (word
    5-shingles) share a group (transitively). ``measure="jaccard"``: |A & B| / |A | B| instead (the earlier
    grouping, kept to measure what it missed)."""
    sets = [shingles(t) for t in texts]
    parent = list(range(len(texts)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    langs = np.asarray(languages)
    for lang in sorted(set(languages)):
        idx = np.flatnonzero(langs == lang)
        # inverted index: only pairs that share a shingle are compared
        owners: dict[int, list[int]] = {}
        for i in idx:
            for s in sets[i]:
                owners.setdefault(s, []).append(int(i))
        shared: dict[tuple[int, int], int] = {}
        for lst in owners.values():
            if len(lst) < 2 or len(lst) > 50:  # a shingle in 50+ articles is boilerplate, not a duplicate
                continue
            for a in range(len(lst)):
                for b in range(a + 1, len(lst)):
                    key = (lst[a], lst[b])
                    shared[key] = shared.get(key, 0) + 1
        for (i, j), inter in shared.items():
            den = min(len(sets[i]), len(sets[j])) if measure == "containment" else len(sets[i]) + len(sets[j]) - inter
            if den and inter / den >= threshold:
                parent[find(i)] = find(j)
    return np.array([find(i) for i in range(len(texts))])


def make_folds(groups: np.ndarray, languages: Sequence[str], k: int, seed: int = 0) -> np.ndarray:
    """Fold per article: groups dealt round-robin per language (every fold holds every language), each
    language with its own random stream."""
    fold = np.zeros(len(groups), dtype=int)
    langs = np.asarray(languages)
    for lang in sorted(set(languages)):
        rng = np.random.RandomState((seed + zlib.crc32(lang.encode())) % 2**32)
        g = np.unique(groups[langs == lang])
        rng.shuffle(g)
        for j, gg in enumerate(g):
            fold[(groups == gg) & (langs == lang)] = j % k
    return fold


def holdout_split(groups: np.ndarray, languages: Sequence[str], share: float = 0.2, seed: int = 1) -> np.ndarray:
    """True for the articles of a held-out part: ``share`` of each language's groups, never used for any
    choice (tuning runs on the rest)."""
    test = np.zeros(len(groups), dtype=bool)
    langs = np.asarray(languages)
    for lang in sorted(set(languages)):
        rng = np.random.RandomState((seed * 7919 + zlib.crc32(lang.encode())) % 2**32)
        g = np.unique(groups[langs == lang])
        rng.shuffle(g)
        for gg in g[: int(round(share * len(g)))]:
            test[(groups == gg) & (langs == lang)] = True
    return test
