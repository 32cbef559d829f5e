"""The in-memory snapshot (store/snapshot.py) answers exactly what the SQL of store/queries.py answers, on
SQLite and PostgreSQL, for every filter; and it sees versions, wire copies, corrections and deletions."""
import copy as copylib
import datetime as dt
import random
import time


import numpy as np
import pytest
from store_corpus import make_article, small_corpus

from narrascope.store import Filters, Store, queries, search
from narrascope.store.snapshot import Snapshot
from narrascope.store.textindex import TextIndex
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


def languages() -> list:
    """Articles in the languages the PostgreSQL configurations stem (and one, Bulgarian, they do not), with
    accents, apostrophes and numbers: text written for this test."""
    out = []
    for aid, lang, title, body in [
        ("de1", "de", "Neue Sanktionen", "Die Sanktionen gegen Öl wurden in Zürich verschärft; die Händler blieben ruhig."),
        ("ru1", "ru", "Санкции расширены", "Новые санкции против нефти объявлены в понедельник, сообщили в министерстве."),
        ("bg1", "bg", "Нови санкции", "Санкциите срещу петрола бяха разширени в София през 2024 година."),
        ("fr1", "fr", "Les sanctions", "Les sanctions contre le pétrole ont été élargies à Genève; l'économie ralentit."),
        ("en1", "en", "The café reopens", "The ministry's café in Kraków reopened in 2024; naïve hopes of co-operation were voiced."),
    ]:
        art = make_article(aid, OUTLETS[3], "2024-07-01", title=title, body=body)
        art.language = lang
        art.compute_hash()
        out.append(art)
    return out


# Prefixes, whole words, one-letter words, stop words, accents and their absence, other scripts, numbers,
# words no article has; "ministry_s" is a phrase to both indexes (left to SQL).
QUERIES = ["sanctions", "sanct", "sa", "s", "a", "the", "the sanctions", "and were", "ministry's", "ministry_s", "cafe", "café",
           "krakow", "kraków", "naive", "2024", "20", "co operation", "санкц", "санкции", "санкциите", "нефти", "петрол",
           "zürich", "zurich", "öl", "ol", "économie", "l économie", "élargies", "elarg", "händler", "report", "report 12",
           "front break", "fuel stations", "missiles europe", "pavel orlov", "ministry's website", "were expected", "zzz",
           "x y z", "verschärft", "понедельник"]


@pytest.fixture
def corpus(db_url):
    st = Store(db_url)
    rng = random.Random(5)
    arts = [synthetic_article(i, rng) for i in range(120)] + small_corpus() + languages()
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


@pytest.mark.parametrize("indexed", [False, True], ids=["sql-matches", "text-index"])
@pytest.mark.parametrize("f", FILTERS, ids=lambda f: str(f.as_dict()) or "none")
def test_article_pages_equal_the_sql(corpus, f, indexed):
    with corpus.Session() as s:
        snap = Snapshot(s)
        if indexed:
            assert isinstance(snap.text_index(s, wait=True), TextIndex)
        for sort in ("published", "stored", "quotes"):
            for desc in (True, False):
                for limit, offset in ((50, 0), (7, 5), (500, 0)):
                    total, items = queries.list_articles(s, f, limit, offset, sort, desc)
                    got_total, pks = snap.page(s, f, limit, offset, sort, desc)
                    assert got_total == total
                    assert queries.list_articles(s, f, limit, offset, sort, desc, page=(got_total, pks)) == (total, items)
                    assert queries.list_articles(s, f, limit, offset, sort, desc, page=(got_total, pks),
                                                 snippets=snap.snippets, narratives=snap.narratives_of,
                                                 rows_of=snap.list_rows) == (total, items)


def test_the_text_index_matches_what_the_store_index_matches(corpus):
    """The in-memory index selects exactly the articles of the store's MATCH / @@ for every query word shape, on
    both backends (the SQL of search.matching_pks is the reference); only phrases are left to SQL."""
    with corpus.Session() as s:
        snap = Snapshot(s)
        index = snap.text_index(s, wait=True)
        assert isinstance(index, TextIndex) and index.terms == sorted(index.terms)
        matched = set()
        for q in QUERIES:
            got = index.match(s, q)
            if "_" in q:
                assert got is None, q  # a phrase: SQL decides
                continue
            want = snap._hits(s, search.matching_pks(snap.backend, q))
            assert got is not None and got.tolist() == want.tolist(), (q, int(got.sum()) if got is not None else None, int(want.sum()))
            if want.any():
                matched.add(q)
            assert index.match(s, q).tolist() == want.tolist()  # asked again: the remembered terms give the same
        # The corpus exercises it: accents, other scripts, numbers, prefixes and apostrophes match something.
        assert {"sanct", "café", "kraków", "санкц", "петрол", "2024", "élargies", "ministry's"} <= matched
        assert "zzz" not in matched and index.match(s, "!!!") is None
        # "firm" is only in the older version of "spelling": in the store's index, not in the snapshot's.
        assert s.execute(search.matching_pks(snap.backend, "firm")).scalars().all()
        assert not index.match(s, "firm").any()


def test_the_text_index_is_read_in_the_background(corpus):
    """The first full-text question starts reading the index and is answered by SQL; later ones by the index,
    with the same articles."""
    with corpus.Session() as s:
        snap = Snapshot(s)
        first = snap.page(s, Filters(q="sanct"), 500, 0, "published", True)
        deadline = time.monotonic() + 60
        while snap.text_index(s) is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert isinstance(snap.text_index(s), TextIndex)
        snap._matches = type(snap._matches)(8)  # forget the SQL answer
        assert snap.page(s, Filters(q="sanct"), 500, 0, "published", True) == first
        assert first[0] > 0


def test_the_text_index_of_a_new_snapshot_sees_changes(corpus):
    with corpus.Session() as s:
        assert Snapshot(s).text_index(s, wait=True).match(s, "quokka").sum() == 0
    corpus.add(make_article("quokka", OUTLETS[0], "2024-08-01", title="A quokka at the zoo", body="Keepers fed the quokka."))
    corpus.delete_article("de1")
    with corpus.Session() as s:
        snap = Snapshot(s)
        index = snap.text_index(s, wait=True)
        for q in ("quokka", "zürich", "sanktionen"):
            assert index.match(s, q).tolist() == snap._hits(s, search.matching_pks(snap.backend, q)).tolist(), q
        assert index.match(s, "quokka").sum() == 1 and index.match(s, "zürich").sum() == 0


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


@pytest.fixture
def unrevised(db_url):
    """A corpus with no older versions: FTS5's bm25 (which also counts older versions) is then the index's."""
    st = Store(db_url)
    rng = random.Random(9)
    st.add_many([synthetic_article(i, rng) for i in range(80)] + small_corpus() + languages())
    yield st
    st.close()


def test_relevance_is_fts5_bm25_computed_in_memory(unrevised):
    """On SQLite the in-memory score is FTS5's own ``bm25(articles_fts, 10.0, 1.0)``, query by query; on both
    backends a relevance page holds the articles the SQL selects, best score first, ties newest first."""
    with unrevised.Session() as s:
        snap = Snapshot(s)
        index = snap.text_index(s, wait=True)
        ranked = 0
        for q in QUERIES:
            score = index.bm25(s, q)
            if "_" in q:
                assert score is None, q
                continue
            hit = index.match(s, q)
            assert (score[hit] > 0).all(), q  # (every word of a match occurs in it)
            if snap.backend == "sqlite" and hit.any():
                want = dict(s.execute(search.rank_subquery("sqlite", q).select()).all())
                got = {int(snap.pk[i]): -float(score[i]) for i in np.flatnonzero(hit)}
                assert got.keys() == want.keys(), q
                assert list(got.values()) == pytest.approx([want[k] for k in got], rel=1e-9, abs=1e-15), q
                ranked += 1
            for f in (Filters(q=q), Filters(q=q, outlet=OUTLETS[1])):
                total, items = queries.list_articles(s, f, 500, 0, "relevance", True)
                page = snap.page(s, f, 500, 0, "relevance", True)
                assert page[0] == total and sorted(page[1]) == sorted(snap_pk(s, items)), q
                if snap.backend == "sqlite":
                    assert queries.list_articles(s, f, 500, 0, "relevance", True, page=page) == (total, items), q
                scores = [float(score[snap._index(np.array([p]))[0]]) for p in page[1]]
                assert scores == sorted(scores, reverse=True), q
                worst_first = snap.page(s, f, 500, 0, "relevance", False)[1]
                assert [float(score[snap._index(np.array([p]))[0]]) for p in worst_first] == sorted(scores), q
        assert snap.backend != "sqlite" or ranked >= 20
        # A word in the title weighs ten times one in the text: the café article's title word ranks it first.
        assert snap.page(s, Filters(q="cafe"), 5, 0, "relevance", True)[1][0] == snap_pk(s, [{"id": "en1"}])[0]


def snap_pk(s, items) -> list[int]:
    """Article keys of list items (by their id; the latest version)."""
    from narrascope.store.models import ArticleRow
    from sqlalchemy import select
    ids = [it["id"] for it in items]
    got = dict(s.execute(select(ArticleRow.article_id, ArticleRow.pk).where(ArticleRow.article_id.in_(ids), ArticleRow.is_latest)).all())
    return [got[i] for i in ids]


def test_relevance_pages_with_versions_select_what_sql_selects(corpus):
    """With older versions and a wire copy stored, the ranked page still holds the SQL's articles."""
    with corpus.Session() as s:
        snap = Snapshot(s)
        snap.text_index(s, wait=True)
        for q in ("sanct", "front break", "the line", "firm", "zzz"):
            total, items = queries.list_articles(s, Filters(q=q), 500, 0, "relevance", True)
            page = snap.page(s, Filters(q=q), 500, 0, "relevance", True)
            assert page is not None and page[0] == total and sorted(page[1]) == sorted(snap_pk(s, items)), q
