"""Database URLs, engines and schema migrations.

``sqlite:///narrascope.db`` (the default; WAL journal so the dashboard can
read while ``ingest`` writes, foreign keys on) or ``postgresql://…`` (run
through psycopg 3). The schema is brought to the newest Alembic revision
shipped in ``narrascope/store/migrations`` on first use, or explicitly with
``narrascope db upgrade --db URL``.
"""
from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import E, NarrascopeError

DEFAULT_URL = "sqlite:///narrascope.db"
_upgrade_lock = threading.Lock()


def normalize_url(url: str) -> str:
    """Accept what users type: ``postgresql://`` (-> psycopg 3), ``sqlite:///x.db`` or a bare ``x.db`` path."""
    url = (url or "").strip()
    if not url:
        raise NarrascopeError(E.E401, url="''", detail="no database URL given; use e.g. sqlite:///narrascope.db")
    if "://" not in url:
        return "sqlite:///" + url  # a plain file path
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    return url


def require_existing(url: str) -> None:
    """For SQLite file URLs: raise E401 when the file does not exist (so a mistyped path is not a new empty store)."""
    url = normalize_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        return  # make_engine says what is wrong with it
    if parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    path = Path(database).expanduser()
    if not path.is_file():
        raise NarrascopeError(E.E401, url=url, detail=f"no database file {path.resolve()}: check the path "
                                                      "(or pass --create to start a new, empty store there)")


def redact(url: str) -> str:
    """The URL with any password masked, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise NarrascopeError(E.E401, url=url, detail=f"not a database URL ({exc})") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            parent = Path(database).expanduser().resolve().parent
            if not parent.is_dir():
                raise NarrascopeError(E.E401, url=url, detail=f"folder {parent} does not exist")
        kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": 60}}
        if database in ("", ":memory:"):
            kwargs["poolclass"] = StaticPool  # one shared in-memory database
        else:
            # Enough kept connections for the API's worker threads: an overflow connection is closed when
            # returned, and opening one (schema parse, pragmas, an empty page cache) costs more than most reads.
            kwargs.update(pool_size=16, max_overflow=32)
        engine = create_engine(parsed, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=60000")
            if database not in ("", ":memory:"):
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a committed article survives kill -9
                cur.execute("PRAGMA mmap_size=1073741824")  # reads straight from the OS page cache, shared by connections
            cur.close()

        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise NarrascopeError(E.E401, url=redact(url), detail="PostgreSQL needs psycopg 3: pip install 'narrascope[postgres]'") from exc
        return create_engine(parsed, pool_size=10, max_overflow=20, pool_pre_ping=True)
    raise NarrascopeError(E.E401, url=redact(url), detail=f"unsupported database '{backend}'; use sqlite:/// or postgresql://")


# Made by migrations in SQL, outside the models: the full-text index (FTS5 table and its shadow tables on
# SQLite; the tsvector column, its configuration and GIN index on PostgreSQL). Autogenerate leaves them be.
SQL_ONLY_TABLES = ("articles_fts",)
SQL_ONLY_COLUMNS = {("articles", "search_tsv"), ("articles", "search_config")}
SQL_ONLY_INDEXES = {"ix_articles_search_tsv"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic ``include_object``: skip the SQL-only full-text objects when comparing with the models."""
    if type_ == "table" and name and name.startswith(SQL_ONLY_TABLES):
        return False
    if type_ == "column" and (getattr(obj.table, "name", None), name) in SQL_ONLY_COLUMNS:
        return False
    if type_ == "index" and name in SQL_ONLY_INDEXES:
        return False
    return True


def _alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("narrascope.store").joinpath("migrations")))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str:
    """Apply migrations up to ``revision``; returns the revision the database is at."""
    from alembic import command

    try:
        with _upgrade_lock, engine.connect() as conn:
            sqlite = engine.url.get_backend_name() == "sqlite"
            if sqlite:
                # SQLite changes a table by copying it and dropping the old one; with foreign keys on,
                # that DROP would cascade-delete the rows of every child table. Off for the migration
                # (the pragma only takes effect outside a transaction), checked and back on after.
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                conn.commit()
            try:
                with conn.begin():
                    command.upgrade(_alembic_config(conn), revision)
                if sqlite:
                    bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    conn.commit()
                    if bad:
                        raise NarrascopeError(E.E401, url=redact(str(engine.url)),
                                              detail=f"migration left {len(bad)} rows with a dangling foreign key")
            finally:
                if sqlite:
                    conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                    conn.commit()
        return current_revision(engine) or ""
    except OperationalError as exc:
        raise NarrascopeError(E.E401, url=redact(str(engine.url)), detail=f"cannot open or migrate: {exc.orig}") from exc
    except SQLAlchemyError as exc:
        raise NarrascopeError(E.E401, url=redact(str(engine.url)), detail=f"migration failed: {exc}") from exc


def ensure_schema(engine: Engine) -> None:
    """Upgrade to the newest revision unless the database is already there (cheap check first)."""
    try:
        current = current_revision(engine)
    except OperationalError as exc:
        raise NarrascopeError(E.E401, url=redact(str(engine.url)), detail=f"cannot connect: {exc.orig}") from exc
    if current == head_revision():
        return
    if current is None and inspect(engine).has_table("articles"):
        raise NarrascopeError(E.E401, url=redact(str(engine.url)),
                              detail="has an 'articles' table but no migration record; it is not a narrascope store")
    upgrade(engine)
