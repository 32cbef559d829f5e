"""Claims: quotes that say the same thing, grouped across articles.

Each quote's text is embedded once (``narrascope.embeddings``, passage
prefix) and the vector kept on its row. Grouping is greedy and incremental,
so a daily ingest does not recluster the corpus: a quote joins the group whose
centroid is most similar when the cosine reaches ``threshold``, else it opens
a new group; the centroid is the normalised running mean of its members.
e5 cosines sit close together (unrelated news sentences ~0.7-0.8), hence the
high default threshold: paraphrases scored 0.89-0.96, unrelated war-news
sentences at most 0.86 (tests/store/test_claims.py). Like any embedding it cannot tell a
claim from its negation ("will break" vs "will not break" ~0.94): a group is "about the same
thing", and the page lists every quote so an analyst reads what each speaker said.
"""
from __future__ import annotations

import numpy as np
from sqlalchemy import select, update

from ..progress import Progress
from .models import ArticleRow, ClaimGroup, QuoteRow

DEFAULT_THRESHOLD = 0.88
MIN_WORDS = 4  # "No.", "We will see." are not claims


def _vec(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


def update_claims(store, embedder=None, threshold: float = DEFAULT_THRESHOLD, batch: int = 64,
                  progress: bool = False) -> dict:
    """Embed quotes that have no vector yet and put every ungrouped quote of a latest article in a claim group.

    ``embedder``: anything with ``embed(texts, kind)`` -> L2-normalised rows (default: narrascope's embedder).
    Returns counts: quotes embedded, quotes grouped, groups created.
    """
    if embedder is None:
        from ..embeddings import get_embedder

        embedder = get_embedder()
    with store.Session() as s:
        todo = s.execute(select(QuoteRow.id, QuoteRow.text, QuoteRow.embedding)
                         .join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
                         .where(ArticleRow.is_latest.is_(True), QuoteRow.claim_id.is_(None))
                         .order_by(QuoteRow.id)).all()
        groups = s.execute(select(ClaimGroup.id, ClaimGroup.centroid, ClaimGroup.size).order_by(ClaimGroup.id)).all()
    todo = [t for t in todo if len(t.text.split()) >= MIN_WORDS]
    ids = [g.id for g in groups]
    sizes = [g.size for g in groups]
    centroids = np.stack([_vec(g.centroid) for g in groups]) if groups else None
    stats = {"embedded": 0, "grouped": 0, "new_groups": 0}
    bar = Progress(len(todo), unit="quotes", enabled=progress)
    for i in range(0, len(todo), batch):
        chunk = todo[i:i + batch]
        missing = [t for t in chunk if t.embedding is None]
        vectors = {t.id: _vec(t.embedding) for t in chunk if t.embedding is not None}
        if missing:
            emb = np.asarray(embedder.embed([t.text for t in missing], kind="passage"), dtype=np.float32)
            for t, v in zip(missing, emb):
                vectors[t.id] = v
            stats["embedded"] += len(missing)
        with store.Session.begin() as s:
            for t in missing:
                s.execute(update(QuoteRow).where(QuoteRow.id == t.id).values(embedding=vectors[t.id].tobytes()))
            for t in chunk:
                v = vectors[t.id]
                best = -1
                if centroids is not None and len(ids):
                    sims = centroids @ v
                    best = int(np.argmax(sims))
                    if sims[best] < threshold:
                        best = -1
                if best >= 0:
                    merged = centroids[best] * sizes[best] + v
                    centroids[best] = merged / max(float(np.linalg.norm(merged)), 1e-12)
                    sizes[best] += 1
                    gid = ids[best]
                    s.execute(update(ClaimGroup).where(ClaimGroup.id == gid)
                              .values(centroid=centroids[best].astype(np.float32).tobytes(), size=sizes[best]))
                else:
                    group = ClaimGroup(text=t.text[:2000], centroid=v.astype(np.float32).tobytes(), size=1)
                    s.add(group)
                    s.flush()
                    gid = group.id
                    ids.append(gid)
                    sizes.append(1)
                    centroids = v[None, :].copy() if centroids is None else np.vstack([centroids, v[None, :]])
                    stats["new_groups"] += 1
                s.execute(update(QuoteRow).where(QuoteRow.id == t.id).values(claim_id=gid))
                stats["grouped"] += 1
        bar.update(len(chunk))
    if todo:
        bar.close()
    return stats
