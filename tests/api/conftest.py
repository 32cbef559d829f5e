"""Store fixtures: every ``db_url`` test runs against SQLite and a real PostgreSQL server."""
import itertools

import pytest

from shared_data import need_postgres

from narrascope.store.pgtemp import PostgresUnavailable, create_database, temporary_postgres

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_server():
    try:
        with temporary_postgres() as url:
            yield url
    except PostgresUnavailable as exc:
        need_postgres(exc)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'corpus.db'}"
    server = request.getfixturevalue("pg_server")
    return create_database(server, f"test_{next(_counter)}")


# The hand-written corpus lives with the store tests.
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
