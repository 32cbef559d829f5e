"""appearances, metadata history, claim settings

An article is its content (``content_hash``) plus its appearances: the same text under another id
or outlet (a wire copy) is now a row of its own instead of being skipped, so the unique key moves
from ``content_hash`` to (``article_id``, ``content_hash``). Corrected metadata (outlet, url, date,
author) of a stored appearance is kept with its history in ``article_changes``. Quotes record which
embedder their vector came from; claim groups record the embedder and threshold that made them.
Every existing row is kept (SQLite: the articles table is copied with foreign keys off).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 07:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_constraint('uq_articles_content_hash', type_='unique')
        batch_op.create_unique_constraint('uq_articles_id_hash', ['article_id', 'content_hash'])
        batch_op.create_index('ix_articles_content_hash', ['content_hash'], unique=False)
    op.create_table('article_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_pk', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['article_pk'], ['articles.pk'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_article_changes_article_pk', 'article_changes', ['article_pk'], unique=False)
    op.add_column('quotes', sa.Column('embedding_model', sa.String(length=200), nullable=True))
    op.add_column('claim_groups', sa.Column('embedder', sa.String(length=200), nullable=True))
    op.add_column('claim_groups', sa.Column('threshold', sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('claim_groups', schema=None) as batch_op:
        batch_op.drop_column('threshold')
        batch_op.drop_column('embedder')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_column('embedding_model')
    op.drop_index('ix_article_changes_article_pk', table_name='article_changes')
    op.drop_table('article_changes')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_content_hash')
        batch_op.drop_constraint('uq_articles_id_hash', type_='unique')
        batch_op.create_unique_constraint('uq_articles_content_hash', ['content_hash'])
