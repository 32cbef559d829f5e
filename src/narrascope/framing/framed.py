"""Is an actor cast by the article, or merely mentioned? (decided before any role is given)

Learned from the SemEval subtask-1 training articles: the actors the pipeline finds there that the
annotators gave a role are positives, the others negatives (places named as locations, outlets cited as
sources, experts quoted for facts, actors in passing). Features per actor:

- how it appears: mentions (count, share of the article's sentences), first position, in the title, in the
  lead; its type (PERSON / ORG / GPE / NORP);
- what it does in the parse (English): share of mentions that are agents, patients, possessors, objects of
  a location preposition ("in Kherson"), and of an attribution verb ("Reuters reported", "according to");
- sourcing (attribution, when it ran): how often it is a quote's speaker or the medium a quote was made to;
- who it is: character n-grams of its name (an outlet's name, a city's);
- what is said around it: the mean shared sentence vector of its mentions' sentences.

A logistic regression; the threshold is chosen by cross-validation (grouped by article and near-duplicate).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

import numpy as np
from scipy import sparse

if TYPE_CHECKING:  # pragma: no cover
    from ..doc import Article
    from .entities import Actor

TYPES = ["PERSON", "ORG", "GPE", "NORP"]
LOCATION_PREPS = {"in", "at", "near", "from", "to", "into", "across", "around", "outside", "inside", "towards", "toward",
                  "through", "throughout", "within", "of"}
_REPORT = re.compile(r"^\W{0,3}(?:reported|reports|reporting|wrote|writes|published|said in a report|cited|citing|quoted|"
                     r"news agency|newspaper|TV|channel|broadcaster|website|outlet)\b", re.I)
_ACCORDING = re.compile(r"\b(?:according to|told|cited by|quoted by|reported by|published by|writes|wrote in|"
                        r"in an interview with|speaking to|via)\s+(?:the\s+)?$", re.I)
NUMERIC = ["log_mentions", "share_sentences", "first_pos", "in_title", "in_lead", "agent", "patient", "poss",
           "location", "report_shape", "speaker", "medium", "has_parse", "quoted_inside", "multiword", "n_title_words"]
CHAR_TFIDF = dict(analyzer="char_wb", ngram_range=(2, 4), lowercase=True, sublinear_tf=True, dtype=np.float32)


def numeric_features(article: "Article", actor: "Actor") -> np.ndarray:
    from .features import actor_key

    a = article.analysis
    text = article.text
    n_sent = max(len(a.sentences), 1)
    ms = actor.mentions
    sent_ids = {a.sentence_at(m.start) for m in ms}
    title = (article.title or "").lower()
    names = {m.text.lower() for m in ms} | {actor.name.lower()}
    in_title = float(any(n and n in title for n in names))
    lead = a.sentences[1][1] if len(a.sentences) > 1 else len(text)
    doc = a.doc if a.has_parser else None
    agent = patient = poss = loc = 0
    if doc is not None:
        from .features import AGENT_DEPS, PATIENT_DEPS

        for m in ms:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            r = span.root
            if r.dep_ in AGENT_DEPS:
                agent += 1
            elif r.dep_ in PATIENT_DEPS:
                patient += 1
            elif r.dep_ == "poss":
                poss += 1
            elif r.dep_ == "pobj" and r.head.lemma_.lower() in LOCATION_PREPS and actor.type == "GPE":
                loc += 1
    report = 0
    for m in ms:
        if _REPORT.match(text[m.end:m.end + 30]) or _ACCORDING.search(text[max(0, m.start - 40):m.start]):
            report += 1
    key = actor_key(actor.name)
    speaker = medium = inside = 0
    for q in article.quotes:
        if any(q.speaker_start <= m.start < max(q.speaker_end, q.speaker_start + 1) for m in ms) or (
                q.speaker and actor_key(q.speaker) == key):
            speaker += 1
        if q.medium and actor_key(q.medium) == key:
            medium += 1
        if any(q.start <= m.start < q.end for m in ms):
            inside += 1
    n = len(ms)
    return np.array([
        np.log1p(n), len(sent_ids) / n_sent, ms[0].start / max(len(text), 1), in_title, float(ms[0].start < lead),
        agent / n, patient / n, poss / n, loc / n, report / n, min(speaker, 5) / 5, min(medium, 3) / 3,
        float(doc is not None), inside / n, float(len(actor.name.split()) > 1), 0.0,
    ], dtype=np.float32)


def type_features(actor: "Actor") -> np.ndarray:
    v = np.zeros(len(TYPES) + 1, dtype=np.float32)
    v[TYPES.index(actor.type) if actor.type in TYPES else len(TYPES)] = 1.0
    return v


def actor_vector(article: "Article", actor: "Actor", spec: str) -> np.ndarray:
    a = article.analysis
    n = len(a.embedded_sentences)
    idx = sorted({a.sentence_at(m.start) for m in actor.mentions} & set(range(n)))
    if not idx:
        return np.zeros(a.sentence_vectors(spec).shape[1] if n else 512, dtype=np.float32)
    v = a.sentence_vectors(spec)[idx].mean(axis=0)
    return (v / max(np.linalg.norm(v), 1e-9)).astype(np.float32)


def dense_features(article: "Article", actors: Sequence["Actor"], spec: str) -> np.ndarray:
    rows = [np.concatenate([numeric_features(article, ac), type_features(ac), actor_vector(article, ac, spec)])
            for ac in actors]
    return np.stack(rows) if rows else np.zeros((0, len(NUMERIC) + len(TYPES) + 1), np.float32)


class FramedModel:
    """P(the article casts this actor). Weights live in the role model's directory (``framed_*``)."""

    def __init__(self, config: dict, weights: dict[str, np.ndarray]):
        from .model import _Tfidf

        self.config = config
        self.char = _Tfidf(CHAR_TFIDF, {t: i for i, t in enumerate(config["char_vocab"])}, weights["framed_char_idf"])
        self.coef, self.bias = weights["framed_coef"], float(weights["framed_bias"][0])
        self.mean, self.scale = weights["framed_mean"], weights["framed_scale"]
        self.threshold = float(config["threshold"])
        self.embedder = config.get("embedder", "use-m")
        self.char_weight = float(config.get("char_weight", 1.0))

    def matrix(self, dense: np.ndarray, names: Sequence[str]):
        return build(dense, names, self.char, self.mean, self.scale, self.char_weight)

    def probabilities(self, article: "Article", actors: Sequence["Actor"]) -> np.ndarray:
        if not actors:
            return np.zeros(0)
        X = self.matrix(dense_features(article, actors, self.embedder), [a.name for a in actors])
        return 1.0 / (1.0 + np.exp(-(np.asarray(X @ self.coef) + self.bias)))


def build(dense: np.ndarray, names: Sequence[str], char, mean, scale, char_weight: float = 1.0):
    d = (dense - mean) / scale
    return sparse.hstack([sparse.csr_matrix(d.astype(np.float32)), char.transform(list(names)) * char_weight], format="csr")


def fit_framed(dense: np.ndarray, names: Sequence[str], y: np.ndarray, C: float = 0.5, char_weight: float = 1.0,
               threshold: float = 0.5, embedder: str = "use-m") -> tuple[dict, dict[str, np.ndarray]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from .model import _Tfidf

    char = TfidfVectorizer(min_df=2, max_features=8000, **CHAR_TFIDF).fit(list(names))
    mean = dense.mean(axis=0)
    scale = np.maximum(dense.std(axis=0), 1e-2)  # float16 on disk: no tiny scales
    X = build(dense, names, _Tfidf(CHAR_TFIDF, char.vocabulary_, char.idf_), mean, scale, char_weight)
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(X, y)
    config = {"char_vocab": sorted(char.vocabulary_, key=char.vocabulary_.get), "threshold": threshold, "C": C,
              "char_weight": char_weight, "embedder": embedder, "numeric": NUMERIC, "types": TYPES}
    weights = {"framed_char_idf": char.idf_.astype(np.float32), "framed_coef": clf.coef_[0].astype(np.float32),
               "framed_bias": np.array([clf.intercept_[0]], np.float32), "framed_mean": mean.astype(np.float32),
               "framed_scale": scale.astype(np.float32)}
    return config, weights
