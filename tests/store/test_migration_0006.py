"""Migration 0006: quotes get ``reported_by``; quotes stored before keep every value, on both backends."""
from alembic import command
from sqlalchemy import text
from store_corpus import rich_article

from narrascope.store import Store, db


def migrate(engine, revision: str, down: bool = False) -> None:
    with engine.begin() as conn:
        (command.downgrade if down else command.upgrade)(db._alembic_config(conn), revision)


def test_upgrade_keeps_quotes_and_adds_reported_by(db_url):
    st = Store(db_url)
    st.add(rich_article())
    st.close()
    engine = db.make_engine(db_url)
    migrate(engine, "0005", down=True)
    with engine.connect() as conn:
        before = conn.execute(text("SELECT speaker, text, medium, start, \"end\" FROM quotes ORDER BY id")).all()
    assert len(before) == 2
    migrate(engine, "0006")
    with engine.connect() as conn:
        after = conn.execute(text("SELECT speaker, text, medium, start, \"end\", reported_by FROM quotes ORDER BY id")).all()
    assert [tuple(r[:5]) for r in after] == [tuple(r) for r in before] and all(r[5] is None for r in after)
    engine.dispose()

    st = Store(db_url)
    assert db.current_revision(st.engine) == db.head_revision()
    back = st.get_article("rich-1")
    assert [q.reported_by for q in back.quotes] == [None, None]  # stored before 0006: nothing to keep
    art = rich_article()
    art.id = "rich-2"
    art.text = art.text + " A later line."
    st.add(art)
    assert st.get_article("rich-2").quotes[0].reported_by == "Baltic Wire"
    st.close()
