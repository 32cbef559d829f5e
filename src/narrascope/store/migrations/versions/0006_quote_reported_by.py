"""quotes keep the outlet that reports them

"According to TASS, Peskov told Rossiya-1 …": the speaker is Peskov, the medium spoken to Rossiya-1, and
TASS the outlet that reports it (``Quote.reported_by``). One nullable column is added; every row is kept
(SQLite's ALTER TABLE ADD COLUMN, no table copy, so the full-text triggers of 0003/0005 stay). Quotes
stored before have no value (NULL), as the attribution stage gave none then.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 16:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('quotes', sa.Column('reported_by', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('quotes') as batch:
        batch.drop_column('reported_by')
