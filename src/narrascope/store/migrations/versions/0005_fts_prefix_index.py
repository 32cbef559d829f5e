"""SQLite full-text index with prefix indexes

Every query word is a prefix term (``"word"*``, store/search.py). Without a prefix index FTS5 answers a
prefix term by walking every indexed term that starts with it and merging their document lists, once
per query and again for every snippet lookup of the page. With ``prefix=...`` FTS5 also stores each
token's first N characters as a term of its own, so a prefix of exactly N characters is one term lookup.

SQLite: ``articles_fts`` is dropped and created again with the same columns, tokenizer and external
content (``articles``) as 0003, plus ``prefix='2 3 4 5 6 7 8'``; its three triggers are created again
(dropping the table leaves them pointing at nothing) and the index is rebuilt from the stored rows (FTS5
'rebuild': the content table is the source, so no data is copied or lost). Downgrade restores 0003's
definition the same way. PostgreSQL: nothing changes (its tsquery prefix terms ``word:*`` are answered
by the GIN index of 0003 as they are).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 14:30:00
"""
from __future__ import annotations

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# Frozen copies (a migration must not change when store/search.py does).
COLUMNS = "title, text, content='articles', content_rowid='pk', tokenize='porter unicode61 remove_diacritics 2'"
PREFIX = "2 3 4 5 6 7 8"
TRIGGERS = [
    """CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
         INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, coalesce(new.title, ''), new.text); END""",
    """CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
         INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, coalesce(old.title, ''), old.text); END""",
    """CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
         INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, coalesce(old.title, ''), old.text);
         INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, coalesce(new.title, ''), new.text); END""",
]


def _recreate(definition: str) -> None:
    for name in ("articles_fts_ai", "articles_fts_ad", "articles_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS articles_fts")
    op.execute(f"CREATE VIRTUAL TABLE articles_fts USING fts5({definition})")
    for trigger in TRIGGERS:
        op.execute(trigger)
    # The content table is the source: title is stored as NULL where 0003's triggers index ''; both
    # tokenize to nothing, so the rebuilt index is the same as the one the triggers keep.
    op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recreate(f"{COLUMNS}, prefix='{PREFIX}'")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recreate(COLUMNS)
