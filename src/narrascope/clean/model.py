"""A small learned line classifier that backs the rules up on page layout.

Logistic regression over shape features of a line and of its neighbourhood
(how long and how punctuated the lines around it are, how many of them the
rules already dropped, how far it is from running text). It only ever
*adds* removals to lines the rules kept, never touches a protected quote or
an article list, and fires only above a high threshold chosen for precision.

The weights (``line_model.json``) were trained on the pages of the public
article-extraction benchmark (Zyte, MIT licence; ../shared/data/
article-extraction-benchmark) rendered to visible text lines, a line being
article when it lies in the page's ``articleBody``. No text is stored, only
26 weights. Retrain with ``eval/cleaning/train_line_model.py``.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

import numpy as np

from . import lexicon as L
from .lines import Line

FEATURES = [
    "log_words", "terminal", "colon", "title_ratio", "bullet", "menu", "url", "multi_sentence", "digit_share",
    "quote_marks", "second_person", "upper_share", "rel_position",
    "prev_log_words", "next_log_words", "prev_terminal", "next_terminal",
    "win_log_words", "win_terminal", "win_removed", "prev_removed", "next_removed",
    "log_dist_anchor", "before_first_anchor", "after_last_anchor", "short_run",
]

_DIGIT = re.compile(r"\d")


def _log(x: float) -> float:
    return math.log1p(max(x, 0.0))


def line_features(lines: list[Line], reasons: list[str | None]) -> np.ndarray:
    """One row of FEATURES per line; ``reasons`` are the rules' verdicts (context)."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    words = np.array([ln.words for ln in lines], dtype=np.float64)
    term = np.array([1.0 if ln.terminal else 0.0 for ln in lines])
    removed = np.array([1.0 if r is not None else 0.0 for r in reasons])
    anchors = [i for i, ln in enumerate(lines) if reasons[i] is None and (ln.terminal and ln.words >= 8)]
    first = anchors[0] if anchors else n
    last = anchors[-1] if anchors else -1
    # distance to the nearest anchor, both directions
    anchor_set = set(anchors)
    dist = np.full(n, float(n))
    seen = None
    for i in range(n):
        if i in anchor_set:
            seen = i
        if seen is not None:
            dist[i] = i - seen
    seen = None
    for i in range(n - 1, -1, -1):
        if i in anchor_set:
            seen = i
        if seen is not None:
            dist[i] = min(dist[i], seen - i)
    short = np.array([1.0 if ln.words <= 3 and not ln.terminal else 0.0 for ln in lines])
    rows = []
    for i, ln in enumerate(lines):
        lo, hi = max(0, i - 3), min(n, i + 4)
        text = ln.text
        letters = [c for c in text if c.isalpha()]
        # length of the run of short lines this line sits in
        a = i
        while a > 0 and short[a - 1] and short[i]:
            a -= 1
        b = i
        while b < n - 1 and short[b + 1] and short[i]:
            b += 1
        rows.append([
            _log(ln.words), float(ln.terminal), float(ln.colon), ln.title_ratio, float(ln.bullet), float(ln.menu_items >= 3),
            float(ln.url), float(ln.sentences >= 2), len(_DIGIT.findall(text)) / max(len(text), 1),
            float(any(c in text for c in "\"“”«»„")), float(bool(L.SECOND_PERSON.search(text))),
            sum(1 for c in letters if c.isupper()) / max(len(letters), 1), i / max(n - 1, 1),
            _log(words[i - 1]) if i > 0 else 0.0, _log(words[i + 1]) if i < n - 1 else 0.0,
            term[i - 1] if i > 0 else 0.0, term[i + 1] if i < n - 1 else 0.0,
            float(np.mean(np.log1p(words[lo:hi]))), float(np.mean(term[lo:hi])), float(np.mean(removed[lo:hi])),
            removed[i - 1] if i > 0 else 1.0, removed[i + 1] if i < n - 1 else 1.0,
            _log(dist[i]), float(i < first), float(i > last), _log((b - a + 1) if short[i] else 0),
        ])
    return np.asarray(rows, dtype=np.float32)


class LineModel:
    def __init__(self, mean, scale, coef, intercept: float, threshold: float, meta: dict | None = None):
        self.mean = np.asarray(mean, dtype=np.float64)
        self.scale = np.asarray(scale, dtype=np.float64)
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = float(intercept)
        self.threshold = float(threshold)
        self.meta = meta or {}

    def proba(self, X: np.ndarray) -> np.ndarray:
        if len(X) == 0:
            return np.zeros(0)
        z = ((X - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> str:
        return json.dumps({
            "features": FEATURES, "mean": self.mean.tolist(), "scale": self.scale.tolist(), "coef": self.coef.tolist(),
            "intercept": self.intercept, "threshold": self.threshold, "meta": self.meta,
        }, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "LineModel":
        d = json.loads(text)
        if d.get("features") != FEATURES:
            raise ValueError("line model was trained on other features; retrain it")
        return cls(d["mean"], d["scale"], d["coef"], d["intercept"], d["threshold"], d.get("meta"))


@lru_cache(maxsize=1)
def bundled_model() -> LineModel | None:
    try:
        text = resources.files("narrascope.clean").joinpath("line_model.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return LineModel.from_json(text)
