"""Alembic environment for the narrascope store.

Run by ``narrascope.store.db.upgrade`` with an open connection (passed in
``config.attributes["connection"]``), or by the ``alembic`` command with
``-x url=…`` / ``sqlalchemy.url`` from ``narrascope/store/alembic.ini``.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from narrascope.store.db import include_object, normalize_url
from narrascope.store.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    return normalize_url(context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url"))


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True,
                      include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        # render_as_batch: SQLite can only change tables by copying them.
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                          include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(_url())
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True,
                          include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
