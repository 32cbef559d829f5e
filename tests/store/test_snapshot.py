"""The in-memory snapshot (store/snapshot.py) answers exactly what the SQL of store/queries.py answers, on
SQLite and PostgreSQL, for every filter; and it sees versions, wire copies, corrections and deletions."""
import copy as copylib
import datetime as dt
import random

import pytest
from store_corpus import make_article, small_corpus

from narrascope.store import Filters, Store, queries
from narrascope.store.snapshot import Snapshot
from narrascope.store.synthetic import NARRATIVES, OUTLETS, synthetic_article

FILTERS = [
    Filters(),
    Filters(outlet=OUTLETS[0]),
    Filters(outlet="No Such Outlet"),
    Filters(language="en"),
    Filters(date_from=dt.date(2024, 3, 1), date_to=dt.date(2024, 6, 30)),
    Filters(date_to=dt.date(2024, 2, 1)),
    Filters(narrative=NARRATIVES[0][0]),
    Filters(narrative=NARRATIVES[1][0], min_score=0.6),
    Filters(min_score=0.5),
    Filters(narrative="no such label"),
    Filters(speaker="Pavel Orlov"),
    Filters(speaker="Zelenskyy"),
    Filters(entity="Russia"),
    Filters(q="sanctions"),
    Filters(q="front break", outlet=OUTLETS[1]),
    Filters(q="!!!"),  # no words: filters nothing
]


@pytest.fixture
def corpus(db_url):
    st = Store(db_url)
    rng = random.Random(5)
    arts = [synthetic_article(i, rng) for i in range(120)] + small_corpus()
    # No outlet and no date; the same speaker under two spellings; a wire copy; a new version.
    arts.append(make_article("nodate", None, None, narratives=[(NARRATIVES[0][0], 0.7)],
                             quotes=[("Volodymyr Zelensky", "the line holds", False, False, None)]))
    arts.append(make_article("spelling", OUTLETS[2], "2024-04-02", narratives=[(NARRATIVES[0][0], 0.4)],
                             quotes=[("Volodymyr Zelenskyy", "the line holds firm", False, True, "LBC")]))
    st.add_many(arts)
    copy = copylib.deepcopy(arts[3])
    copy.id, copy.outlet = "wire-copy", OUTLETS[5]
    st.add(copy)
    changed = make_article("spelling", OUTLETS[2], "2024-04-03", narratives=[(NARRATIVES[1][0], 0.9)],
                           quotes=[("Volodymyr Zelenskyy", "the line holds, he said", False, False, None)])
    st.add(changed)
    yield st
    st.close()


def both(st, name, *args):
    with st.Session() as s:
        snap = Snapshot(s)
        return getattr(queries, name)(s, *args), getattr(snap, name)(s, *args)


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: str(f.as_dict()) or "none")
def test_aggregates_equal_the_sql(corpus, f):
    for name, args in (("overview", ()), ("narrative_timeline", ("week",)), ("narrative_timeline", ("month", "subnarrative", 3)),
                       ("narrative_timeline", ("day", "narrative", 0)), ("narratives_by_outlet", ()),
                       ("narratives_by_outlet", ("subnarrative", 2)), ("narrative_counts", ()),
                       ("narrative_counts", ("subnarrative",)), ("sourcing_by_outlet", ()),
                       ("cooccurrence", ()), ("cooccurrence", ("subnarrative", 3)),
                       ("entities", (20, 0)), ("entities", (5, 2, "Antagonist")), ("entities", (50, 0, "Nobody")),
                       ("speakers", (20, 0)), ("speakers", (5, 3)), ("speakers", (50, 0, True)), ("speakers", (50, 0, False))):
        sql, snap = both(corpus, name, f, *args)
        if name == "narrative_counts":  # a mean of floats summed in another order may round the other way
            assert [x["mean_score"] for x in snap] == pytest.approx([x["mean_score"] for x in sql], abs=1.01e-4)
            sql, snap = ([{**x, "mean_score": None} for x in r] for r in (sql, snap))
        assert snap == sql, (name, args)


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: str(f.as_dict()) or "none")
def test_article_pages_equal_the_sql(corpus, f):
    with corpus.Session() as s:
        snap = Snapshot(s)
        for sort in ("published", "stored", "quotes"):
            for desc in (True, False):
                for limit, offset in ((50, 0), (7, 5), (500, 0)):
                    total, items = queries.list_articles(s, f, limit, offset, sort, desc)
                    got_total, pks = snap.page(s, f, limit, offset, sort, desc)
                    assert got_total == total
                    assert queries.list_articles(s, f, limit, offset, sort, desc, page=(got_total, pks)) == (total, items)
                    assert queries.list_articles(s, f, limit, offset, sort, desc, page=(got_total, pks),
                                                 snippets=snap.snippets, narratives=snap.narratives_of) == (total, items)


def test_the_snapshot_sees_the_latest_versions_and_copies(corpus):
    with corpus.Session() as s:
        snap = Snapshot(s)
        assert snap.n == corpus.count()
        speakers = {x["name"]: x for x in snap.speakers(s, Filters(), 500)[1]}
    # Both spellings of Zelensky are one speaker; the old version of "spelling" no longer counts.
    zel = next(v for k, v in speakers.items() if k.startswith("Volodymyr"))
    assert sorted(v["name"] for v in zel["variants"]) == ["Volodymyr Zelensky", "Volodymyr Zelenskyy"]
    assert zel["quotes"] == 2 and zel["articles"] == 2
    overview = both(corpus, "overview", Filters())[1]
    assert overview["articles"] == corpus.count() and overview["texts"] == corpus.count() - 1  # the wire copy


def test_an_empty_store(tmp_path):
    st = Store(f"sqlite:///{tmp_path / 'empty.db'}")
    with st.Session() as s:
        snap = Snapshot(s)
        assert snap.page(s, Filters(q="words"), 50, 0, "published", True) == (0, [])
        assert snap.speakers(s, Filters()) == (0, [])
        assert snap.narrative_timeline(s, Filters()) == queries.narrative_timeline(s, Filters())
        assert snap.overview(s, Filters()) == queries.overview(s, Filters())
    st.close()
