"""Migration 0005: the SQLite full-text index gets prefix indexes; an existing store keeps its search results."""
from alembic import command
from sqlalchemy import text
from sqlalchemy.orm import Session
from store_corpus import make_article

from narrascope.store import Filters, Store, db, queries

QUERIES = ["sanctions", "sanct", "sa", "oil sanctions", "bridge", "brid", "kharkiv front", "санкции", "officials", "zzz"]


def corpus() -> list:
    bodies = [
        ("s1", "Sanctions on oil", "Sanctions hit oil exports. More sanctions on oil were announced; sanctions widen."),
        ("s2", "Market news", "Traders shrugged off the sanctions and the weather."),
        ("s3", "Bridge repaired", "Engineers repaired the bridge near Kharkiv; the front is quiet."),
        ("s4", "Новости", "Новые санкции против нефти обсуждались в Москве."),
        ("s5", None, "Officials in Kharkiv said the front was under pressure and bridges were closed."),
        ("s6", "Sanctioned banks", "The sanctioned banks appealed; officials declined to comment."),
    ]
    return [make_article(aid, "Outlet A" if i % 2 else "Outlet B", f"2024-05-{i + 1:02d}", title=title, body=body)
            for i, (aid, title, body) in enumerate(bodies)]


def results(engine) -> dict:
    with Session(engine) as s:
        out = {}
        for q in QUERIES:
            total, items = queries.list_articles(s, Filters(q=q), sort="relevance")
            out[q] = (total, [i["id"] for i in items], [[seg["text"] for seg in i["snippet"]] for i in items])
        return out


def fts_sql(engine) -> str:
    with engine.connect() as conn:
        return conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'")).scalar()


def migrate(engine, revision: str, down: bool = False) -> None:
    with engine.begin() as conn:
        (command.downgrade if down else command.upgrade)(db._alembic_config(conn), revision)


def integrity(engine) -> None:
    with engine.begin() as conn:  # FTS5 compares the index with the content table; raises when they differ
        conn.execute(text("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"))


def test_upgrade_to_0005_keeps_search_results_and_prefix_matches(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    st = Store(url)
    for art in corpus():
        st.add(art)
    st.close()
    engine = db.make_engine(url)
    migrate(engine, "0004", down=True)  # the store as 0004 left it (the full-text index of 0003)
    assert db.current_revision(engine) == "0004" and "prefix" not in fts_sql(engine)
    integrity(engine)
    before = results(engine)
    assert sorted(before["sanctions"][1]) == ["s1", "s2", "s6"]
    assert sorted(before["sanct"][1]) == ["s1", "s2", "s6"] and before["zzz"] == (0, [], [])

    migrate(engine, "0005")
    assert db.current_revision(engine) == "0005" and "prefix='2 3 4 5 6 7 8'" in fts_sql(engine)
    integrity(engine)
    assert results(engine) == before  # same totals, ids in the same order, same snippets
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'articles_fts_%'")).scalar() == 3
    engine.dispose()

    # Prefix queries of every length still match, and the recreated triggers keep the index in step.
    st = Store(url)
    assert db.current_revision(st.engine) == db.head_revision()
    with st.Session() as s:
        ids = lambda q: sorted(i["id"] for i in queries.list_articles(s, Filters(q=q))[1])  # noqa: E731
        assert ids("san") == ids("sanc") == ids("sanctio") == ["s1", "s2", "s6"]
        assert ids("sanctioned") == ["s1", "s2", "s6"]  # porter: "sanctioned" and "sanctions" share the stem
        assert ids("bri") == ids("bridges") == ["s3", "s5"] and ids("kharkiv br") == ["s3", "s5"]
        assert ids("санк") == ["s4"]
    st.add(make_article("s7", "Outlet C", "2024-06-01", title="Bridgework", body="New sanctions and a bridge toll."))
    st.delete_article("s1")
    with st.Session() as s:
        assert sorted(i["id"] for i in queries.list_articles(s, Filters(q="sanct"))[1]) == ["s2", "s6", "s7"]
        assert sorted(i["id"] for i in queries.list_articles(s, Filters(q="bridgew"))[1]) == ["s7"]
    integrity(st.engine)
    st.close()

    # Downgrade restores 0003's definition with the rows indexed again.
    engine = db.make_engine(url)
    after = results(engine)
    migrate(engine, "0004", down=True)
    assert "prefix" not in fts_sql(engine)
    integrity(engine)
    assert results(engine) == after
    engine.dispose()
