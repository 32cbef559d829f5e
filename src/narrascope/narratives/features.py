"""What the narrative classifier reads from an article, shared by prediction and training.

No training code lives here (``model`` and ``train`` both import it; ``model`` never imports ``train``).

An article is read as the embeddings of its *rows*: the first ``MAX_SENTENCES`` sentences of the text
(``article.analysis``) followed by the title, when there is one. Features: the mean row embedding
(centred, renormalised), every row's cosine to every label description (max and top-3 mean,
standardised), and the polarity counts of ``narratives.polarity`` (who is said to be losing). Beside
them, the title + text as hashed word 1-2-grams for the TF-IDF models.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .polarity import N_FEATURES as N_POLARITY
from .taxonomy import Taxonomy

if TYPE_CHECKING:  # pragma: no cover
    from ..doc import Article

SIM_SCALE = 0.1  # weight of the label-similarity features next to the mean embedding
POLARITY_SCALE = 0.3  # weight of the polarity counts


def label_prompt(taxonomy: Taxonomy, label: str) -> str:
    """The text embedded (as a query) to stand for a label: its name and our description."""
    if taxonomy.is_subnarrative(label):
        sub = taxonomy.subnarrative(label)
        parent = taxonomy.narrative(sub.narrative)
        head = _strip_domain(taxonomy, parent.label)
        if sub.is_other:
            return f"{head}. {parent.description}"
        return f"{head}: {sub.name}. {sub.description}"
    if label == taxonomy.other_label:
        return taxonomy.other_description or "neutral news reporting"
    return f"{_strip_domain(taxonomy, label)}. {taxonomy.description(label)}"


def _strip_domain(taxonomy: Taxonomy, label: str) -> str:
    """The narrative's label without its domain prefix ("URW: "), when the taxonomy's domain says so."""
    n = taxonomy.narrative(label) if taxonomy.is_narrative(label) else None
    if n is not None and n.domain and label.startswith(n.domain + ": "):
        return label[len(n.domain) + 2:]
    return label


def tfidf_text(title: str | None, text: str) -> str:
    """What the TF-IDF models read: the title line and the text."""
    return f"{title}\n{text}" if title else text


def row_texts(article: "Article") -> list[str]:
    """The texts whose embeddings make the article's rows: the embedded sentences, then the title."""
    a = article.analysis
    rows = a.sentence_texts()
    if article.title and article.title.strip():
        rows.append(article.title.strip())
    return rows


def article_rows(article: "Article", spec: str) -> np.ndarray:
    """(n_rows, dim) embeddings of ``row_texts(article)`` from the shared analysis (embedded on first use)."""
    a = article.analysis
    parts = []
    if a.embedded_sentences:
        parts.append(a.sentence_vectors(spec))
    if article.title and article.title.strip():
        parts.append(a.vectors([article.title.strip()], spec, "passage"))
    parts = [p for p in parts if p.size]
    return np.vstack(parts).astype(np.float32) if parts else np.zeros((0, 0), np.float32)


@dataclass
class DocStats:
    """What the classifier reads from one article's row embeddings."""

    mean: np.ndarray  # (dim,) mean row embedding, L2-normalised
    sims: np.ndarray  # (n_rows, n_prompts) cosine of each row to each label prompt
    smax: np.ndarray  # (n_prompts,) best row per prompt
    stop: np.ndarray  # (n_prompts,) mean of the 3 best


def doc_stats(rows: np.ndarray, Q: np.ndarray) -> DocStats:
    E_ = np.asarray(rows, dtype=np.float32)
    if E_.ndim != 2 or len(E_) == 0:
        raise ValueError("an article needs at least one row embedding")
    mean = E_.mean(0)
    mean = mean / (np.linalg.norm(mean) or 1.0)
    sims = E_ @ Q.T
    k = min(3, len(E_))
    return DocStats(mean, sims, sims.max(0), np.sort(sims, 0)[-k:].mean(0))


def assemble(st: DocStats, centre: np.ndarray | None, sim_mean: np.ndarray, sim_std: np.ndarray,
             polarity: np.ndarray | None = None) -> np.ndarray:
    """Feature vector: [mean embedding (minus ``centre``, renormalised), standardised prompt similarities,
    polarity counts (when given)]."""
    m = st.mean if centre is None else st.mean - centre
    m = m / (np.linalg.norm(m) or 1.0)
    s = (np.concatenate([st.smax, st.stop]) - sim_mean) / (sim_std + 1e-6)
    parts = [m, SIM_SCALE * s]
    if polarity is not None:
        parts.append(POLARITY_SCALE * np.asarray(polarity, np.float32))
    return np.concatenate(parts).astype(np.float32)


def hashing_vectorizer(n_features: int):
    """Word 1-2-gram counts hashed into ``n_features`` buckets: the model keeps no vocabulary (no text)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=n_features, alternate_sign=False, ngram_range=(1, 2), norm=None, dtype=np.float32)


def tfidf_rows(texts: list[str], idf: np.ndarray):
    """Hashed word 1-2-gram TF-IDF rows (sublinear tf * idf, L2-normalised), as in training."""
    x = hashing_vectorizer(len(idf)).transform(texts).tocsr().astype(np.float32)
    x.data = (1.0 + np.log(x.data)) * idf[x.indices]
    norms = np.sqrt(np.asarray(x.multiply(x).sum(1)).ravel())
    norms[norms == 0] = 1.0
    from scipy import sparse

    return sparse.diags(1.0 / norms).astype(np.float32) @ x


def sparse_label_matrix(offsets: np.ndarray, indices: np.ndarray, values: np.ndarray, n_features: int):
    """The pruned per-label TF-IDF models as one (n_labels, n_features) CSR matrix."""
    from scipy import sparse

    n_labels = len(offsets) - 1
    cols = np.repeat(np.arange(n_labels), np.diff(offsets))
    return sparse.csr_matrix((values.astype(np.float32), (cols, indices)), shape=(n_labels, n_features))


def apply_sparse_labels(T, W, bias: np.ndarray) -> np.ndarray:
    """Probabilities (n_articles, n_labels) of the label models ``W`` on TF-IDF rows ``T``."""
    return sigmoid(np.asarray((T @ W.T).todense()) + bias)


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


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def logit(p):
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def platt(p, ac) -> np.ndarray:
    a, c = ac
    return sigmoid(a * logit(p) + c)


__all__ = ["SIM_SCALE", "POLARITY_SCALE", "N_POLARITY", "label_prompt", "tfidf_text", "row_texts", "article_rows",
           "DocStats", "doc_stats", "assemble", "hashing_vectorizer", "tfidf_rows", "sparse_label_matrix",
           "apply_sparse_labels", "knn_scores", "sigmoid", "logit", "platt"]
