"""covering indexes for the questions that stay in SQL

The article list reads the narratives of its page's articles (``labels`` by article, level, score); the
speaker and actor filters look up the articles quoting a speaker or mentioning an actor. These indexes
answer each from the index alone, without visiting the table rows. Only indexes are added: every row is
kept, and no table is copied (a SQLite batch copy of ``articles`` would drop the full-text triggers of 0003).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 13:20:00
"""
from __future__ import annotations

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

INDEXES = [
    ('ix_labels_article_level_score', 'labels', ['article_pk', 'level', 'score', 'label']),
    ('ix_quotes_speaker_article', 'quotes', ['speaker_id', 'article_pk']),
    ('ix_entities_key_article', 'entities', ['key', 'article_pk']),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
