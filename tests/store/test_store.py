"""The store on SQLite and PostgreSQL: round trip, idempotence, versions, aggregates, exports."""
import csv
import datetime as dt
import io
import json

import pytest
from store_corpus import make_article, rich_article, small_corpus

from narrascope.errors import NarrascopeError
from narrascope.store import STORED, UNCHANGED, VERSION, Filters, Store, db, queries
from narrascope.store.export import export, semeval_row

D, W, F = "URW: Discrediting Ukraine", "URW: Discrediting the West, Diplomacy", "URW: Amplifying war-related fears"


@pytest.fixture
def store(db_url):
    st = Store(db_url)
    yield st
    st.close()


@pytest.fixture
def corpus_store(store):
    for art in small_corpus():
        assert store.add(art) == STORED
    return store


def test_every_field_round_trips(store):
    art = rich_article()
    assert store.add(art) == STORED
    back = store.get_article("rich-1")
    assert back.to_dict(include_raw=True) == art.to_dict(include_raw=True)
    assert store.get_article("rich-1", include_raw=False).raw_text is None
    assert store.get_article("missing") is None


def test_same_article_twice_is_stored_once(store):
    art = rich_article()
    assert store.add_many([art, rich_article()]) == [STORED, UNCHANGED]
    assert store.add(rich_article()) == UNCHANGED
    assert store.count() == 1 and store.count(latest_only=False) == 1
    assert store.known_hashes() == {art.content_hash}


def test_changed_article_is_a_new_version_and_history_is_kept(store):
    v1 = make_article("x", "Outlet A", "2024-01-01", [(D, 0.9)], body="First text.")
    v2 = make_article("x", "Outlet A", "2024-01-02", [(W, 0.8)], body="Second text, corrected.")
    assert store.add(v1) == STORED
    assert store.add(v2) == VERSION
    assert store.count() == 1 and store.count(latest_only=False) == 2
    assert store.get_article("x").text == "Second text, corrected."
    assert store.get_article("x", version=1).text == "First text."
    assert [v["is_latest"] for v in store.versions("x")] == [False, True]
    with store.Session() as s:  # queries see only the latest version's labels
        assert [r["label"] for r in queries.narrative_counts(s, Filters())] == [W]
    # The content reverts: the stored first version becomes the latest again, nothing new is written.
    assert store.add(make_article("x", "Outlet A", "2024-01-01", [(D, 0.9)], body="First text.")) == VERSION
    assert store.get_article("x").text == "First text." and store.count(latest_only=False) == 2


def test_list_filters_and_pagination(corpus_store):
    with corpus_store.Session() as s:
        total, items = queries.list_articles(s, Filters(), limit=4)
        assert total == 6 and len(items) == 4
        assert [i["id"] for i in items] == ["a5", "a4", "a3", "a2"]  # newest first
        assert queries.list_articles(s, Filters(), limit=4, offset=4)[1][0]["id"] == "a1"
        ids = lambda f: sorted(i["id"] for i in queries.list_articles(s, f, limit=100)[1])  # noqa: E731
        assert ids(Filters(outlet="Outlet B")) == ["a3", "a4"]
        assert ids(Filters(date_from=dt.date(2024, 3, 6), date_to=dt.date(2024, 3, 13))) == ["a2", "a3", "a4"]
        assert ids(Filters(narrative=D)) == ["a1", "a2", "a6"]
        assert ids(Filters(narrative=D, min_score=0.5)) == ["a1", "a2"]
        assert ids(Filters(speaker="pavel  ORLOV")) == ["a1", "a2"]
        assert ids(Filters(entity="nato")) == ["a2", "a3"]
        assert ids(Filters(q="SANCTIONS")) == ["a6"]
        assert ids(Filters(q="ceasefire capital")) == ["a3"]
        assert ids(Filters(q="100%_")) == []  # LIKE wildcards are taken literally
        assert ids(Filters(language="en", outlet="Outlet C")) == ["a5"]


def test_timeline_by_week_and_month(corpus_store):
    with corpus_store.Session() as s:
        week = queries.narrative_timeline(s, Filters(), "week")
        assert week["periods"] == ["2024-03-04", "2024-03-11", "2024-03-18"]
        assert week["totals"] == [2, 2, 1]  # undated a6 is left out of time charts
        series = {x["label"]: x["counts"] for x in week["series"]}
        assert series == {D: [2, 0, 0], W: [1, 1, 0], F: [0, 1, 0]}
        month = queries.narrative_timeline(s, Filters(), "month", level="subnarrative")
        assert month["periods"] == ["2024-03-01"] and month["series"][0]["counts"] == [1]
        day = queries.narrative_timeline(s, Filters(outlet="Outlet A"), "day")
        assert len(day["periods"]) == 3 and day["totals"] == [1, 0, 1]
        with pytest.raises(NarrascopeError):
            queries.narrative_timeline(s, Filters(), "year")


def test_outlets_cooccurrence_and_counts(corpus_store):
    with corpus_store.Session() as s:
        by = queries.narratives_by_outlet(s, Filters())
        cells = {x["label"]: dict(zip(by["outlets"], x["counts"])) for x in by["series"]}
        assert cells[D] == {"Outlet A": 2, "Outlet B": 0, "Outlet C": 0, None: 1}
        assert cells[W]["Outlet B"] == 1
        assert queries.cooccurrence(s, Filters()) == [{"a": D, "b": W, "articles": 1}]
        counts = {r["label"]: r["articles"] for r in queries.narrative_counts(s, Filters())}
        assert counts == {D: 3, W: 2, F: 1}


def test_speakers_and_sourcing(corpus_store):
    with corpus_store.Session() as s:
        total, items = queries.speakers(s, Filters())
        assert total == 3
        assert {(i["name"], i["quotes"], i["articles"], i["outlets"]) for i in items} == {
            ("Pavel Orlov", 2, 2, 1), ("a senior official", 2, 2, 2), ("Jane Harper", 2, 2, 1)}
        orlov = next(i for i in items if i["name"] == "Pavel Orlov")
        assert {n["label"]: n["articles"] for n in orlov["narratives"]} == {D: 2, W: 1}
        assert [i["name"] for i in queries.speakers(s, Filters(), anonymous=True)[1]] == ["a senior official"]
        detail = queries.speaker_detail(s, "PAVEL ORLOV", Filters())
        assert len(detail["quotes"]) == 2 and detail["media"] == [{"medium": "Radio North", "quotes": 1}]
        assert queries.speaker_detail(s, "nobody", Filters()) is None
        src = {r["outlet"]: r for r in queries.sourcing_by_outlet(s, Filters())}
        assert (src["Outlet A"]["named"], src["Outlet A"]["anonymous"], src["Outlet A"]["hedged"]) == (2, 1, 1)
        assert (src["Outlet B"]["named"], src["Outlet B"]["unattributed"], src["Outlet B"]["via_medium"]) == (2, 1, 1)
        assert src["Outlet C"]["anonymous_share"] == 1.0
        ov = queries.overview(s, Filters())
        assert (ov["articles"], ov["quotes"], ov["anonymous_quotes"], ov["outlets"]) == (6, 7, 2, 3)


def test_entities_and_roles(corpus_store):
    with corpus_store.Session() as s:
        total, items = queries.entities(s, Filters())
        assert total == 2
        ukraine = next(i for i in items if i["key"] == "ukraine")
        assert ukraine["articles"] == 3 and ukraine["roles"] == {"Innocent": 2, "Protagonist": 1}
        assert [i["key"] for i in queries.entities(s, Filters(), role="Antagonist")[1]] == ["nato"]
        nato = queries.entity_detail(s, "NATO", Filters())
        assert nato["roles"] == {"Antagonist": 1, "Protagonist": 1}
        assert {o["outlet"]: o["roles"] for o in nato["by_outlet"]} == {"Outlet A": {"Antagonist": 1}, "Outlet B": {"Protagonist": 1}}
        assert nato["mentions"][0]["evidence"][0]["text"]  # the sentence that casts the actor
        assert queries.entity_detail(s, "Atlantis", Filters()) is None
        assert queries.search_names(s, "orl") == {"speakers": ["Pavel Orlov"], "entities": []}


def test_exports(corpus_store):
    buf = io.StringIO()
    assert export(corpus_store, "jsonl", buf, Filters(outlet="Outlet A")) == 2
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert [r["id"] for r in rows] == ["a1", "a2"] and rows[0]["quotes"][0]["speaker"] == "Pavel Orlov"
    buf = io.StringIO()
    assert export(corpus_store, "csv", buf) == 6
    table = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert {r["id"] for r in table} == {f"a{i}" for i in range(1, 7)}
    a1 = next(r for r in table if r["id"] == "a1")
    assert a1["speakers"] == "Pavel Orlov; a senior official" and a1["anonymous_quotes"] == "1"
    buf = io.StringIO()
    export(corpus_store, "semeval", buf, Filters(outlet="Outlet B"))
    lines = sorted(buf.getvalue().splitlines())
    assert lines[0] == f"a3.txt\t{W}\t{W}: Other"
    assert lines[1] == f"a4.txt\t{F}\tURW: Amplifying war-related fears: By continuing the war we risk WWIII"
    with pytest.raises(NarrascopeError, match="E402"):
        export(corpus_store, "xml", io.StringIO())


def test_semeval_row_for_other():
    art = make_article("EN_UA_1", "X", "2024-01-01")
    art.meta["file_name"] = "EN_UA_1.txt"
    assert semeval_row(art) == ("EN_UA_1.txt", "Other", "Other")
    art = make_article("EN_UA_2", "X", "2024-01-01", [("Other", 0.9), ("Other", 0.9)])  # a model's explicit "Other"
    assert semeval_row(art) == ("EN_UA_2.txt", "Other", "Other")
    art = make_article("feed:3", "X", "2024-01-01", [(D, 0.9), ("Other", 0.2)])
    art.meta["file_name"] = "feed.jsonl"  # records of one file: named by their ids
    assert semeval_row(art) == ("feed:3.txt", D, f"{D}: Other")


def test_schema_is_at_head_and_upgrade_is_idempotent(store):
    assert db.current_revision(store.engine) == db.head_revision()
    assert db.upgrade(store.engine) == db.head_revision()


def test_runs_are_recorded(store):
    run = store.start_run("ingest test", {"pipeline": {"components": ["clean"]}})
    store.add(make_article("r1", "X", "2024-01-01"), run_id=run)
    store.finish_run(run, 1, 0, ["[E001] bad.txt: file is empty."])
    (info,) = store.runs()
    assert info["components"] == ["clean"] and info["stored"] == 1 and info["failed"] == 1 and info["finished_at"]


def test_bad_database_urls_are_clear(tmp_path):
    with pytest.raises(NarrascopeError, match=r"E401.*does not exist"):
        Store(f"sqlite:///{tmp_path}/no/such/folder/x.db")
    with pytest.raises(NarrascopeError, match=r"E401.*unsupported database 'mysql'"):
        Store("mysql://u@localhost/db")
    with pytest.raises(NarrascopeError, match=r"E401.*cannot connect"):
        Store("postgresql://nobody:secret@127.0.0.1:1/none")
    with pytest.raises(NarrascopeError) as err:
        Store("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(err.value)  # passwords are not echoed
    import sqlite3

    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE articles (x int)")
    con.commit()
    con.close()
    with pytest.raises(NarrascopeError, match="not a narrascope store"):
        Store(f"sqlite:///{other}")


def test_url_forms():
    assert db.normalize_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert db.normalize_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert db.normalize_url("corpus.db") == "sqlite:///corpus.db"
    assert db.normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_sqlite_uses_wal_and_foreign_keys(tmp_path):
    st = Store(f"sqlite:///{tmp_path / 'w.db'}")
    with st.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    st.close()


def test_filters_inside_speaker_and_sourcing_aggregates(corpus_store):
    # "Articles quoting Orlov": every quote in those articles counts, not only Orlov's.
    with corpus_store.Session() as s:
        total, items = queries.speakers(s, Filters(speaker="Pavel Orlov"))
        assert {i["name"] for i in items} == {"Pavel Orlov", "a senior official"} and total == 2
        (row,) = queries.sourcing_by_outlet(s, Filters(speaker="Pavel Orlov"))
        assert row["quotes"] == 3 and row["anonymous"] == 1
        total, items = queries.entities(s, Filters(narrative=W))
        assert {i["key"] for i in items} == {"ukraine", "nato"}


def test_migrations_match_the_models(store):
    # A model change without a new Alembic revision fails here (on both backends).
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from narrascope.store.models import Base

    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"include_object": db.include_object}), Base.metadata) == []
