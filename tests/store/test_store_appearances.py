"""Articles are content plus appearances: wire copies counted per outlet, corrections kept with history,
runs killed half-way, migrations that keep data, stores that must exist."""
import datetime as dt
import json

import pytest
from sqlalchemy import text
from store_corpus import make_article

from narrascope.cli import main
from narrascope.doc import Article
from narrascope.errors import NarrascopeError
from narrascope.store import APPEARANCE, CORRECTED, STORED, UNCHANGED, VERSION, Filters, Store, db, queries


def wire_story(aid: str, outlet: str, published: str, url: str | None = None) -> Article:
    art = make_article(aid, outlet, published, [("URW: Discrediting Ukraine", 0.8)],
                       [("Pavel Orlov", "the front will break by the spring", False, False, None)],
                       [("Ukraine", "Innocent")], title="Front line under pressure",
                       body="Officials in Kharkiv said the front was under pressure.")
    art.url = url
    return art


def test_syndicated_copy_is_an_appearance_counted_per_outlet(db_url):
    st = Store(db_url)
    assert st.add(wire_story("wire-1", "Wire Service", "2024-05-01")) == STORED
    copy = wire_story("paper-77", "Daily Paper", "2024-05-02", url="https://paper.example/77")
    assert copy.content_hash == wire_story("x", "y", "2024-01-01").content_hash  # same text, same hash
    assert st.add(copy) == APPEARANCE
    assert st.add(copy) == UNCHANGED
    assert st.count() == 2
    with st.Session() as s:
        counts = {o["outlet"]: o["articles"] for o in queries.outlets(s)}
        assert counts == {"Wire Service": 1, "Daily Paper": 1}
        by = queries.narratives_by_outlet(s, Filters())
        assert dict(zip(by["outlets"], by["articles"])) == {"Wire Service": 1, "Daily Paper": 1}
        assert queries.list_articles(s, Filters(outlet="Daily Paper"))[0] == 1
        ov = queries.overview(s, Filters())
        assert (ov["articles"], ov["texts"], ov["outlets"]) == (2, 1, 2)
        sp = queries.speaker_detail(s, "Pavel Orlov", Filters())
        assert {o["outlet"] for o in sp["by_outlet"]} == {"Wire Service", "Daily Paper"}
    stored = st.get_article("paper-77")
    assert stored.outlet == "Daily Paper" and stored.duplicate_of.of == "wire-1" and stored.duplicate_of.kind == "exact"
    assert [a["id"] for a in st.appearances("wire-1")] == ["wire-1", "paper-77"]
    assert st.appearances("paper-77")[1] == {"id": "paper-77", "outlet": "Daily Paper", "url": "https://paper.example/77",
                                              "published": "2024-05-02"}
    st.close()


def test_unanalysed_copy_takes_the_stored_analysis(db_url):
    st = Store(db_url)
    st.add(wire_story("wire-1", "Wire Service", "2024-05-01"))
    bare = wire_story("site-3", "Web Site", "2024-05-03")
    bare.quotes, bare.narratives, bare.entities, bare.timings = [], [], [], {}
    assert st.add_appearance(bare) == APPEARANCE
    got = st.get_article("site-3")
    assert got.outlet == "Web Site" and got.published == "2024-05-03"
    assert [q.text for q in got.quotes] == ["the front will break by the spring"]
    assert got.narratives[0].label == "URW: Discrediting Ukraine" and got.entities[0].text == "Ukraine"
    st.close()


def test_corrected_metadata_is_updated_and_kept_in_history(db_url):
    st = Store(db_url)
    st.add(wire_story("wire-1", "Wire Servce", "2024-05-01"))
    fixed = wire_story("wire-1", "Wire Service", "2024-05-11", url="https://wire.example/1")
    assert st.add(fixed) == CORRECTED
    assert st.add(fixed) == UNCHANGED
    got = st.get_article("wire-1")
    assert (got.outlet, got.published, got.url) == ("Wire Service", "2024-05-11", "https://wire.example/1")
    (change,) = st.history("wire-1")
    assert change["changes"] == {"outlet": ["Wire Servce", "Wire Service"], "published": ["2024-05-01", "2024-05-11"],
                                 "url": [None, "https://wire.example/1"]}
    with st.Session() as s:
        assert queries.list_articles(s, Filters(date_from=dt.date(2024, 5, 10)))[0] == 1  # the parsed date moved too
        assert queries.list_articles(s, Filters(outlet="Wire Servce"))[0] == 0
    assert st.count(latest_only=False) == 1 and [v["version"] for v in st.versions("wire-1")] == [1]
    # A field the new input does not give is not erased.
    partial = wire_story("wire-1", "Wire Service", None)
    assert st.add(partial) == UNCHANGED and st.get_article("wire-1").published == "2024-05-11"
    # New text for the id is still a new version.
    changed = wire_story("wire-1", "Wire Service", "2024-05-11")
    changed.text += " Updated."
    changed.raw_text += " Updated."
    changed.compute_hash()
    assert st.add(changed) == VERSION
    st.close()


def test_delete_article(db_url):
    st = Store(db_url)
    st.add(wire_story("wire-1", "Wire Service", "2024-05-01"))
    st.add(wire_story("paper-77", "Daily Paper", "2024-05-02"))
    assert st.delete_article("wire-1") == 1
    assert st.get_article("wire-1") is None and st.get_article("paper-77") is not None and st.count() == 1
    with st.Session() as s:
        assert s.execute(text("SELECT count(*) FROM quotes")).scalar() == 1
    st.close()


def test_a_killed_run_reports_what_it_stored(db_url):
    st = Store(db_url)
    run = st.start_run(command="ingest x")
    st.add_many([wire_story("a", "A", "2024-01-01"), make_article("b", "B", "2024-01-02")], run_id=run)
    # no finish_run: the process was killed
    (r,) = st.runs()
    assert r["status"] == "unfinished" and r["finished_at"] is None and r["stored"] == 2
    st.finish_run(run, 2, 0, [])
    assert st.runs()[0]["status"] == "finished" and st.runs()[0]["stored"] == 2
    st.close()


def test_ingest_adds_wire_copies_and_corrections_without_analysing_again(tmp_path, capsys):
    body = "Officials in Kharkiv said on Monday that the bridge was damaged overnight by shelling."
    rec = lambda i, outlet, date: {"id": i, "title": "Bridge damaged", "text": body, "outlet": outlet, "published": date}  # noqa: E731
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps(rec("w1", "Wire", "2024-05-01")) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    args = ["ingest", str(f), "--db", url, "--only", "language,clean", "--no-claims", "-q"]
    assert main(args) == 0
    f.write_text("\n".join(json.dumps(r) for r in [rec("w1", "Wire", "2024-05-03"), rec("p9", "Paper", "2024-05-02")]) + "\n",
                 encoding="utf-8")
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "0 stored, 0 new versions, 1 new appearances of stored text, 1 with corrected metadata" in err
    st = Store(url)
    assert st.get_article("w1").published == "2024-05-03" and st.get_article("p9").outlet == "Paper"
    assert st.get_article("p9").timings == st.get_article("w1").timings  # copied, not analysed again
    assert [r["stored"] for r in st.runs()] == [2, 1]
    st.close()


def test_migration_from_0001_keeps_data(db_url):
    engine = db.make_engine(db_url)
    assert db.upgrade(engine, "0001") == "0001"
    now = dt.datetime(2024, 1, 1)
    with engine.begin() as conn:  # rows as revision 0001 had them (ids from the sequences, as the old store made them)
        run = conn.execute(text("INSERT INTO runs (started_at, n_stored, n_skipped, n_failed) VALUES (:t, 1, 0, 0) RETURNING id"),
                           {"t": now}).scalar()
        sp = conn.execute(text("INSERT INTO speakers (key, name, anonymous) VALUES ('pavel orlov', 'Pavel Orlov', false) "
                               "RETURNING id")).scalar()
        pk = conn.execute(text("INSERT INTO articles (article_id, version, is_latest, content_hash, run_id, stored_at, title, text, "
                               "outlet, published, published_date, n_quotes, search_text) VALUES ('old-1', 1, true, 'h1', :r, :t, "
                               "'Old', 'Old text here.', 'Outlet A', '2024-01-01', :d, 1, 'old text here.') RETURNING pk"),
                          {"r": run, "t": now, "d": dt.date(2024, 1, 1)}).scalar()
        conn.execute(text('INSERT INTO quotes (article_pk, idx, speaker_id, speaker, text, kind, anonymous, hedged, start, "end", '
                          "speaker_start, speaker_end, cue_start, cue_end, confidence) VALUES (:pk, 0, :sp, 'Pavel Orlov', "
                          "'text here', 'direct', false, false, 4, 13, -1, -1, -1, -1, 1.0)"), {"pk": pk, "sp": sp})
        conn.execute(text("INSERT INTO labels (article_pk, level, idx, label, score) VALUES (:pk, 'narrative', 0, 'URW: X', 0.7)"),
                     {"pk": pk})
    engine.dispose()
    st = Store(db_url)  # migrates to the newest revision
    assert db.current_revision(st.engine) == db.head_revision()
    art = st.get_article("old-1")
    assert art.outlet == "Outlet A" and [q.text for q in art.quotes] == ["text here"] and art.narratives[0].label == "URW: X"
    # The new key: the same text under another id is now allowed.
    copy = make_article("old-2", "Outlet B", "2024-01-02")
    copy.content_hash = "h1"
    assert st.add(copy) == APPEARANCE
    st.close()


def test_a_missing_sqlite_file_is_an_error_unless_created(tmp_path, capsys):
    missing = tmp_path / "typo.db"
    with pytest.raises(NarrascopeError) as exc:
        Store(f"sqlite:///{missing}", create=False)
    assert "no database file" in str(exc.value) and "--create" in str(exc.value) and not missing.exists()
    assert main(["serve", "--db", f"sqlite:///{missing}", "--port", "1"]) == 2
    assert "no database file" in capsys.readouterr().err and not missing.exists()
    assert main(["db", "claims", "--db", str(missing), "-q"]) == 2 and not missing.exists()
    Store(f"sqlite:///{missing}", create=True).close()
    assert missing.exists()
    Store(f"sqlite:///{missing}", create=False).close()
