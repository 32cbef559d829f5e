"""full-text index; speakers merged across spellings; label tiers and framed entities

SQLite: an FTS5 table ``articles_fts`` over title and text (external content = ``articles``, kept in
step by triggers; porter stemming, diacritics folded). PostgreSQL: a ``search_tsv`` tsvector column
(title weighted A, text B) built by a trigger with the text search configuration of the article's
language (``search_config``; ``simple`` where PostgreSQL has none), with a GIN index. Existing rows are
indexed here.

Speakers get a ``group_key``: the name folded across transliterations (Zelensky / Zelenskyy /
Zelenskiy / Зеленский), by which the corpus questions merge them; existing speakers are keyed here.

Labels keep their ``tier`` ("confident" / "likely" / "guess") and entities whether they are ``framed``
(cast in a role) or only mentioned, with ``framed_score`` (fields of the data model since it grew them;
existing rows: no tier, framed).

Note for later revisions: a SQLite batch operation that copies ``articles`` drops its triggers; such a
revision must create the three ``articles_fts_*`` triggers again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 07:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# Frozen copies of narrascope.store.search at the time of this revision.
PG_CONFIGS = {"en": "english", "ru": "russian", "pt": "portuguese", "de": "german", "fr": "french", "es": "spanish",
              "it": "italian"}
SQLITE_TRIGGERS = [
    """CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
         INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, coalesce(new.title, ''), new.text); END""",
    """CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
         INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, coalesce(old.title, ''), old.text); END""",
    """CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
         INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, coalesce(old.title, ''), old.text);
         INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, coalesce(new.title, ''), new.text); END""",
]


def upgrade() -> None:
    from narrascope.store.search import speaker_group_key  # (new spellings use the same function at store time)

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='pk', "
                   "tokenize='porter unicode61 remove_diacritics 2')")
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
        op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    else:
        op.add_column('articles', sa.Column('search_config', sa.String(length=32), nullable=True))
        op.execute("ALTER TABLE articles ADD COLUMN search_tsv tsvector")
        cases = " ".join(f"WHEN '{code}' THEN '{cfg}'" for code, cfg in PG_CONFIGS.items())
        op.execute(f"""CREATE FUNCTION narrascope_articles_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.search_config := CASE lower(split_part(coalesce(NEW.language, ''), '-', 1)) {cases} ELSE 'simple' END;
              NEW.search_tsv := setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.title, '')), 'A')
                                || setweight(to_tsvector(NEW.search_config::regconfig, NEW.text), 'B');
              RETURN NEW;
            END $$""")
        op.execute("CREATE TRIGGER articles_tsv BEFORE INSERT OR UPDATE OF title, text, language ON articles "
                   "FOR EACH ROW EXECUTE FUNCTION narrascope_articles_tsv()")
        op.execute("UPDATE articles SET text = text")  # fills both columns of the rows already stored
        op.execute("CREATE INDEX ix_articles_search_tsv ON articles USING gin (search_tsv)")
    with op.batch_alter_table('speakers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('group_key', sa.String(length=400), nullable=True))
    speakers = sa.table('speakers', sa.column('id', sa.Integer), sa.column('key', sa.String), sa.column('group_key', sa.String))
    for sid, key in bind.execute(sa.select(speakers.c.id, speakers.c.key)).all():
        bind.execute(speakers.update().where(speakers.c.id == sid).values(group_key=speaker_group_key(key)))
    op.create_index('ix_speakers_group_key', 'speakers', ['group_key'], unique=False)
    op.add_column('labels', sa.Column('tier', sa.String(length=16), nullable=True))
    op.add_column('entities', sa.Column('framed', sa.Boolean(), nullable=False, server_default=sa.true()))
    op.add_column('entities', sa.Column('framed_score', sa.Float(), nullable=False, server_default='1.0'))


def downgrade() -> None:
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_column('framed_score')
        batch_op.drop_column('framed')
    with op.batch_alter_table('labels', schema=None) as batch_op:
        batch_op.drop_column('tier')
    op.drop_index('ix_speakers_group_key', table_name='speakers')
    with op.batch_alter_table('speakers', schema=None) as batch_op:
        batch_op.drop_column('group_key')
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("articles_fts_ai", "articles_fts_ad", "articles_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    else:
        op.execute("DROP TRIGGER IF EXISTS articles_tsv ON articles")
        op.execute("DROP FUNCTION IF EXISTS narrascope_articles_tsv()")
        op.execute("DROP INDEX IF EXISTS ix_articles_search_tsv")
        op.execute("ALTER TABLE articles DROP COLUMN IF EXISTS search_tsv")
        op.drop_column('articles', 'search_config')
