"""The learned line classifier: which lines of scraped text are page furniture, from their shape.

A small gradient-boosted tree model (scikit-learn's HistGradientBoostingClassifier, exported to
JSON: split features, thresholds, children, leaf values; no pickle) over ~105 features of each line:

* its own shape: length, sentence punctuation at the end, colon, Title Case, bullets, menu
  separators, URLs, digits and capitals, quote marks (how many, balanced, opening the line, a
  ‘single-quoted’ phrase as headlines carry), a verb of saying, the reader addressed as "you";
* what the rules and the quote protector know: the protector's verdict (a quote line / a paragraph
  of a multi-paragraph quote), headline shape, a "Related" / "Read more" / "Other news" header, a
  date/time line, a sentence of running text, a caption with a date and a place, the rules' reason;
* its neighbourhood and position: the lines before and after (length, punctuation, headline shape,
  dropped by the rules), a window of seven lines, runs of short lines and of headlines it sits in,
  whether it follows a related header with only headlines between, how far it is from the running
  text, whether it comes before the article starts or after it ends;
* the page as a whole: the article's span found as the best-scoring stretch of lines (running text
  scores its words, every other line costs; two costs), wider windows of ten lines each side, a
  related header just before / after the line or anywhere above it, a comment cue above it,
  furniture after the main text, the share of its words it has with the title or with another line
  of the page (teasers repeat headlines).

:func:`narrascope.clean.rules.classify` uses it as the arbiter of the lines the rules judge by
layout only (runs, position): it never touches a protected quote line, a list the article
introduces, or a line an exact cue rule dropped (consent, sign-up, advert ...), and removes a
line when the probability is at least the model's threshold. Trained by
``eval/cleaning/train_line_model.py`` on the article-extraction benchmark's pages rendered to lines
(cross-validated by site) plus eval/cleaning/train; see ``line_model.md`` for the model card.
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

# Reasons of the rules given to the model as features (one flag each).
RULE_REASONS = (
    "consent", "signup", "related-block", "headline-link", "comment-prompt", "source-trailer", "caption",
    "repeated-title", "share-buttons", "navigation", "advert", "byline-meta", "promo",
)

_OWN = [
    "log_words", "log_chars", "terminal", "colon", "title_ratio", "bullet", "menu", "url", "multi_sentence",
    "digit_share", "upper_share", "quote_marks", "quotes_balanced", "leading_quote", "single_quoted",
    "protected", "speech_verb", "second_person", "headline_like", "headline_shaped", "related_header",
    "time_like", "article_like", "caption_shape", "date_year_end", "place", "article_list", "question",
    "lower_start", "pipe", "ends_digit", "comment_cue", "all_caps",
]
_CONTEXT = [
    "rel_position", "log_from_start", "log_to_end", "before_first_anchor", "after_last_anchor", "log_dist_anchor",
    "log_anchors_before", "log_anchors_after",
    "prev_log_words", "next_log_words", "prev_terminal", "next_terminal", "prev_headline", "next_headline",
    "prev_removed", "next_removed", "prev2_removed", "next2_removed", "prev_article", "next_article",
    "prev_protected", "next_protected",
    "win_log_words", "win_terminal", "win_removed", "win_headline",
    "log_short_run", "log_headline_run", "log_after_header", "log_similar_run", "log_removed_run",
    "tail_headlines", "log_prev_anchor", "log_next_anchor", "inside_span", "span_position", "log_repeats",
    "log_doc_lines", "doc_article_share",
    "log_block_words", "block_share", "in_main_block", "log_dist_main_block", "inside_main_span",
    # the article's span found as the best-scoring stretch of lines (text +words, other lines a cost), two costs
    "inside_best_span", "log_dist_best_span", "best_span_position", "inside_wide_span", "log_dist_wide_span",
    "best_span_words_share",
    # wider windows: the share of running text / dropped lines / headlines within ten lines each side
    "win10_article", "win10_removed", "win10_headline", "win10_log_words",
    # headers around: the next / previous line opens a block of links; any header or comment cue before it
    "next_related_header", "prev_related_header", "log_since_any_header", "after_comment_cue", "after_exact_furniture",
    # the line said again: shares most of its words with the title, or with another line of the page
    "title_overlap", "near_repeat",
]
FEATURES = _OWN + [f"rule_{r}" for r in RULE_REASONS] + _CONTEXT

_DIGIT = re.compile(r"\d")
_QUOTE_CHARS = set("\"“”„«»‘’‹›")
_SINGLE_QUOTED = re.compile(r"(?:^|[\s(])‘[^‘’]{2,}’|(?:^|\s)'[^']{2,}'(?:\s|$)")


def _log(x: float) -> float:
    return math.log1p(max(x, 0.0))


def _balanced(text: str) -> float:
    dq = text.count('"')
    opens = sum(text.count(c) for c in "“„«‹")
    closes = sum(text.count(c) for c in "”»›")
    # „…“ closes with “: count it as balanced when the line has as many of each
    return float(dq % 2 == 0 and (opens == closes or text.count("„") == text.count("“")))


def _best_span(score: np.ndarray) -> tuple[int, int]:
    """The stretch of lines with the highest sum of scores (Kadane; body text extraction on lines)."""
    best, lo, hi = -1e18, 0, -1
    run, start = 0.0, 0
    for i, s in enumerate(score):
        if run <= 0:
            run, start = s, i
        else:
            run += s
        if run > best:
            best, lo, hi = run, start, i
    return lo, hi


def _word_set(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2}


def line_features(lines: list[Line], reasons: list[str | None], protected: list[bool], free: list[bool],
                  title: str | None = None) -> np.ndarray:
    """One row of FEATURES per line; ``reasons`` are the rules' verdicts, ``protected`` the quote
    protector's, ``free`` False for lines the rules keep as a quote or an article list, ``title`` the
    article's title when known."""
    from .quotes import headline_shaped
    from .rules import caption_shape, is_article_like, is_headline_like, is_related_header, is_time_like

    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    words = np.array([ln.words for ln in lines], dtype=np.float64)
    lw = np.log1p(words)
    term = np.array([float(ln.terminal) for ln in lines])
    removed = np.array([1.0 if r is not None else 0.0 for r in reasons])
    prot = np.array([float(p) for p in protected])
    head = np.array([float(is_headline_like(ln)) for ln in lines])
    art = np.array([float(is_article_like(ln)) for ln in lines])
    rel_header = [is_related_header(ln) for ln in lines]
    timey = [is_time_like(ln) for ln in lines]
    anchors = [i for i in range(n) if reasons[i] is None and (protected[i] or art[i])]
    first = anchors[0] if anchors else n
    last = anchors[-1] if anchors else -1
    anchor_before = np.zeros(n)
    dist = np.full(n, float(n))
    seen, count = None, 0
    anchor_set = set(anchors)
    for i in range(n):
        if i in anchor_set:
            seen = i
            count += 1
        anchor_before[i] = count - (1 if i in anchor_set else 0)
        if seen is not None:
            dist[i] = i - seen
    seen = None
    for i in range(n - 1, -1, -1):
        if i in anchor_set:
            seen = i
        if seen is not None:
            dist[i] = min(dist[i], seen - i)
    total_anchors = len(anchors)
    short = np.array([1.0 if ln.words <= 3 and not ln.terminal else 0.0 for ln in lines])

    def run_len(flags: np.ndarray) -> np.ndarray:
        out = np.zeros(n)
        i = 0
        while i < n:
            if not flags[i]:
                i += 1
                continue
            k = i
            while k < n and flags[k]:
                k += 1
            out[i:k] = k - i
            i = k
        return out

    short_run = run_len(short)
    head_run = run_len(head)
    removed_run = run_len(removed)
    # similar lines in a row: within +-40% words and the same sentence ending (lists of links)
    similar = np.ones(n)
    for i in range(1, n):
        a, b = words[i - 1], words[i]
        if term[i] == term[i - 1] and min(a, b) >= 0.6 * max(a, b) and not art[i]:
            similar[i] = similar[i - 1] + 1
    for i in range(n - 2, -1, -1):
        if similar[i + 1] > similar[i] and similar[i + 1] - similar[i] == 1:
            similar[i] = similar[i + 1]
    # after a related header with only headlines / meta lines / furniture between
    after_header = np.zeros(n)
    hdr = None
    for i in range(n):
        if rel_header[i]:
            hdr = i
            continue
        if hdr is not None:
            if head[i] or timey[i] or short[i] or removed[i] and not art[i]:
                after_header[i] = i - hdr
            else:
                hdr = None
    tail_heads = float(sum(1 for j in range(last + 1, n) if head[j] and words[j] >= 4))
    prev_anchor = np.full(n, float(n))
    next_anchor = np.full(n, float(n))
    seen = None
    for i in range(n):
        if seen is not None:
            prev_anchor[i] = i - seen
        if i in anchor_set:
            seen = i
    seen = None
    for i in range(n - 1, -1, -1):
        if seen is not None:
            next_anchor[i] = seen - i
        if i in anchor_set:
            seen = i
    span = max(last - first, 1)
    # the same line again elsewhere on the page (menus, share bars, footers repeat; article lines do not)
    keys = [" ".join(ln.text.lower().split()) for ln in lines]
    repeats: dict[str, int] = {}
    for k in keys:
        repeats[k] = repeats.get(k, 0) + 1
    doc_share = total_anchors / n
    # Blocks of running text (jusText-like): consecutive texty lines, gaps of up to two other lines
    # allowed. The article is mostly the block with the most words.
    texty = [(ln.words >= 8 or ln.terminal and ln.words >= 4) and reasons[i] is None for i, ln in enumerate(lines)]
    block = np.full(n, -1)
    blocks: list[list[int]] = []  # [first, last, words]
    gap = 99
    for i in range(n):
        if texty[i]:
            if blocks and gap <= 2:
                blocks[-1][1] = i
                blocks[-1][2] += int(words[i])
            else:
                blocks.append([i, i, int(words[i])])
            gap = 0
        else:
            gap += 1
    for b, (lo_b, hi_b, _) in enumerate(blocks):
        block[lo_b:hi_b + 1] = b
    main = max(range(len(blocks)), key=lambda b: blocks[b][2]) if blocks else -1
    main_words = blocks[main][2] if blocks else 1
    main_lo, main_hi = (blocks[main][0], blocks[main][1]) if blocks else (n, -1)

    # means over a window of seven lines (three each side), by cumulative sums
    stack = np.vstack([lw, term, removed, head])
    csum = np.concatenate([np.zeros((4, 1)), np.cumsum(stack, axis=1)], axis=1)
    lo_idx = np.maximum(np.arange(n) - 3, 0)
    hi_idx = np.minimum(np.arange(n) + 4, n)
    win = (csum[:, hi_idx] - csum[:, lo_idx]) / (hi_idx - lo_idx)
    kept_art = art * (1.0 - removed)
    stack10 = np.vstack([kept_art, removed, head, lw])
    csum10 = np.concatenate([np.zeros((4, 1)), np.cumsum(stack10, axis=1)], axis=1)
    lo10 = np.maximum(np.arange(n) - 10, 0)
    hi10 = np.minimum(np.arange(n) + 11, n)
    win10 = (csum10[:, hi10] - csum10[:, lo10]) / (hi10 - lo10)
    # The article as one stretch: running text the rules kept scores its words, every other line costs
    # its words (strict) or a flat 3 (wide: short list items and subheadings inside the article are cheap).
    strict = np.where(kept_art > 0, words, -np.maximum(words, 1.0))
    wide = np.where(kept_art > 0, words, np.where(removed > 0, -np.maximum(words, 3.0), -3.0))
    spans = [_best_span(strict), _best_span(wide)]
    total_words = max(words.sum(), 1.0)
    span_feats = []
    for lo_s, hi_s in spans:
        idx = np.arange(n)
        inside = (idx >= lo_s) & (idx <= hi_s)
        d = np.where(inside, 0, np.minimum(np.abs(idx - lo_s), np.abs(idx - hi_s)))
        span_feats.append((inside.astype(float), np.log1p(d), (idx - lo_s) / max(hi_s - lo_s, 1),
                           words[lo_s:hi_s + 1].sum() / total_words if hi_s >= lo_s else 0.0))
    # headers and furniture seen so far
    since_header = np.full(n, -1.0)
    after_comment = np.zeros(n)
    after_exact = np.zeros(n)
    hdr_at, comment_seen, exact_seen = None, False, False
    exact_kinds = ("signup", "share-buttons", "comment-prompt", "consent", "promo")
    for i in range(n):
        since_header[i] = _log(i - hdr_at) if hdr_at is not None else -1.0
        after_comment[i] = float(comment_seen)
        after_exact[i] = float(exact_seen and i > main_hi)
        if rel_header[i]:
            hdr_at = i
        if reasons[i] == "comment-prompt" or lines[i].words <= 25 and L.COMMENT.search(lines[i].text):
            comment_seen = True
        if reasons[i] in exact_kinds and i > main_hi:
            exact_seen = True
    title_words = _word_set(title) if title else set()
    sets = [_word_set(ln.text) if ln.words <= 40 else set() for ln in lines]
    # near repeats: another line of the page with most of the same words (teasers repeat headlines)
    index: dict[str, list[int]] = {}
    for i, ws in enumerate(sets):
        for w in ws:
            index.setdefault(w, []).append(i)
    near = np.zeros(n)
    for i, ws in enumerate(sets):
        if len(ws) < 3:
            continue
        hits: dict[int, int] = {}
        for w in ws:
            peers = index[w]
            if len(peers) > 50:
                continue  # a word on every line says nothing
            for j in peers:
                if j != i:
                    hits[j] = hits.get(j, 0) + 1
        near[i] = max((h / max(len(ws), len(sets[j])) for j, h in hits.items()), default=0.0)
    rows = []
    for i, ln in enumerate(lines):
        text = ln.text
        letters = [c for c in text if c.isalpha()]
        up = sum(1 for c in letters if c.isupper())
        lo, hi = max(0, i - 3), min(n, i + 4)
        r = reasons[i]
        short_line = ln.words <= 60
        first_alpha = next((c for c in text if c.isalpha()), "")
        row = [
            lw[i], _log(len(text)), term[i], float(ln.colon), ln.title_ratio, float(ln.bullet), float(ln.menu_items >= 3),
            float(ln.url), float(ln.sentences >= 2), len(_DIGIT.findall(text)) / max(len(text), 1), up / max(len(letters), 1),
            float(min(sum(1 for c in text if c in _QUOTE_CHARS), 4)), _balanced(text), float(text[:1] in _QUOTE_CHARS),
            float(bool(_SINGLE_QUOTED.search(text))), prot[i], float(short_line and bool(L.SPEECH_VERB.search(text))),
            float(short_line and bool(L.SECOND_PERSON.search(text))), head[i], float(headline_shaped(text)), float(rel_header[i]),
            float(timey[i]), art[i], float(caption_shape(ln)), float(short_line and bool(L.DATE_YEAR_END.search(text[-130:]))),
            float(short_line and bool(L.PLACE.search(text))), float(not free[i] and not protected[i]), float(text.rstrip().endswith("?")),
            float(first_alpha.islower()), float("|" in text), float(text.rstrip()[-1:].isdigit()),
            float(ln.words <= 25 and bool(L.COMMENT.search(text))), float(len(letters) >= 4 and up == len(letters)),
        ]
        row += [1.0 if r == x else 0.0 for x in RULE_REASONS]
        row += [
            i / max(n - 1, 1), _log(i), _log(n - 1 - i), float(i < first), float(i > last), _log(dist[i]),
            _log(anchor_before[i]), _log(total_anchors - anchor_before[i] - (1 if i in anchor_set else 0)),
            lw[i - 1] if i > 0 else 0.0, lw[i + 1] if i < n - 1 else 0.0,
            term[i - 1] if i > 0 else 0.0, term[i + 1] if i < n - 1 else 0.0,
            head[i - 1] if i > 0 else 0.0, head[i + 1] if i < n - 1 else 0.0,
            removed[i - 1] if i > 0 else 1.0, removed[i + 1] if i < n - 1 else 1.0,
            removed[i - 2] if i > 1 else 1.0, removed[i + 2] if i < n - 2 else 1.0,
            art[i - 1] if i > 0 else 0.0, art[i + 1] if i < n - 1 else 0.0,
            prot[i - 1] if i > 0 else 0.0, prot[i + 1] if i < n - 1 else 0.0,
            win[0, i], win[1, i], win[2, i], win[3, i],
            _log(short_run[i]), _log(head_run[i]), _log(after_header[i]), _log(similar[i]), _log(removed_run[i]),
            _log(tail_heads) if i > last else 0.0,
            _log(prev_anchor[i]), _log(next_anchor[i]), float(first < i < last),
            float(min(max((i - first) / span, -1.0), 2.0)) if anchors else -1.0, _log(repeats[keys[i]] - 1),
            _log(n), doc_share,
            _log(blocks[block[i]][2]) if block[i] >= 0 else 0.0, blocks[block[i]][2] / main_words if block[i] >= 0 else 0.0,
            float(block[i] == main and main >= 0), _log(0 if main_lo <= i <= main_hi else min(abs(i - main_lo), abs(i - main_hi))),
            float(main_lo <= i <= main_hi),
            span_feats[0][0][i], span_feats[0][1][i], float(np.clip(span_feats[0][2][i], -1.0, 2.0)),
            span_feats[1][0][i], span_feats[1][1][i], span_feats[0][3],
            win10[0, i], win10[1, i], win10[2, i], win10[3, i],
            float(i < n - 1 and rel_header[i + 1]), float(i > 0 and rel_header[i - 1]), since_header[i],
            after_comment[i], after_exact[i],
            len(sets[i] & title_words) / max(len(sets[i]), 1) if title_words and sets[i] else 0.0, near[i],
        ]
        rows.append(row)
    return np.asarray(rows, dtype=np.float32)


class TreeModel:
    """Boosted trees as arrays: ``p = sigmoid(baseline + sum of the leaf values reached)``."""

    def __init__(self, trees: list[dict], baseline: float, threshold: float, meta: dict | None = None,
                 keep_threshold: float = 0.0):
        self.trees = trees
        self.baseline = float(baseline)
        self.threshold = float(threshold)  # a line the rules kept goes when p >= threshold
        self.keep_threshold = float(keep_threshold)  # a line the rules dropped by layout stays when p < keep_threshold
        self.meta = meta or {}
        m = max((len(t["feature"]) for t in trees), default=1)
        k = len(trees)
        self._feature = np.zeros((k, m), dtype=np.int64)
        self._threshold = np.zeros((k, m), dtype=np.float64)
        self._left = np.zeros((k, m), dtype=np.int64)
        self._right = np.zeros((k, m), dtype=np.int64)
        self._value = np.zeros((k, m), dtype=np.float64)
        self._leaf = np.ones((k, m), dtype=bool)
        for j, t in enumerate(trees):
            c = len(t["feature"])
            self._feature[j, :c] = t["feature"]
            self._threshold[j, :c] = t["threshold"]
            self._left[j, :c] = t["left"]
            self._right[j, :c] = t["right"]
            self._value[j, :c] = t["value"]
            self._leaf[j, :c] = np.asarray(t["leaf"], dtype=bool)
        self._depth = max((int(t.get("depth", len(t["feature"]))) for t in trees), default=0)

    def raw(self, X: np.ndarray) -> np.ndarray:
        n = len(X)
        k = len(self.trees)
        if n == 0:
            return np.zeros(0)
        if k == 0:
            return np.full(n, self.baseline)
        X = np.ascontiguousarray(X, dtype=np.float64)
        nf = X.shape[1]
        flat_x = X.ravel()
        m = self._feature.shape[1]
        feat, thr, left, right, leaf, value = (a.ravel() for a in (self._feature, self._threshold, self._left, self._right,
                                                                     self._leaf, self._value))
        offset = np.tile(np.arange(k) * m, n)  # (line, tree) pairs, flattened line-major
        row_base = np.repeat(np.arange(n) * nf, k)
        node = offset.copy()
        active = np.arange(n * k)
        for _ in range(self._depth + 1):
            cur = node[active]
            is_leaf = leaf[cur]
            if is_leaf.all():
                break
            active = active[~is_leaf]
            cur = cur[~is_leaf]
            go_left = flat_x[row_base[active] + feat[cur]] <= thr[cur]
            node[active] = offset[active] + np.where(go_left, left[cur], right[cur])
        return self.baseline + value[node].reshape(n, k).sum(axis=1)

    def proba(self, X: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.raw(X)))

    def to_json(self) -> str:
        return json.dumps({"kind": "boosted-trees", "features": FEATURES, "baseline": self.baseline,
                           "threshold": self.threshold, "keep_threshold": self.keep_threshold, "meta": self.meta, "trees": self.trees}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "TreeModel":
        d = json.loads(text)
        if d.get("kind") != "boosted-trees" or d.get("features") != FEATURES:
            raise ValueError("line model was trained on other features; retrain it (eval/cleaning/train_line_model.py)")
        return cls(d["trees"], d["baseline"], d["threshold"], d.get("meta"), d.get("keep_threshold", 0.0))

    @classmethod
    def from_sklearn(cls, clf, threshold: float, meta: dict | None = None) -> "TreeModel":
        """From a fitted binary sklearn.ensemble.HistGradientBoostingClassifier (numeric features, no NaN)."""
        trees = []
        for (pred,) in clf._predictors:
            nodes = pred.nodes
            trees.append({
                "feature": [int(x) for x in nodes["feature_idx"]],
                "threshold": [float(x) for x in nodes["num_threshold"]],
                "left": [int(x) for x in nodes["left"]],
                "right": [int(x) for x in nodes["right"]],
                "value": [round(float(x), 6) for x in nodes["value"]],
                "leaf": [int(x) for x in nodes["is_leaf"]],
                "depth": int(nodes["depth"].max()),
            })
        baseline = float(np.ravel(clf._baseline_prediction)[0])
        return cls(trees, baseline, threshold, meta)


@lru_cache(maxsize=1)
def bundled_model() -> TreeModel | None:
    try:
        text = resources.files("narrascope.clean").joinpath("line_model.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return TreeModel.from_json(text)
