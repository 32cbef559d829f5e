"""A throw-away PostgreSQL server for tests and benchmarks.

Initialises a cluster in a temporary folder with the server binaries of the
Debian ``postgresql`` package (``/usr/lib/postgresql/<v>/bin``), starts it on a
free 127.0.0.1 port with trust authentication, and removes it afterwards.
PostgreSQL refuses to run as root, so as root it runs as the ``postgres`` user.
"""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator


class PostgresUnavailable(RuntimeError):
    pass


def find_bindir() -> Path:
    env = os.environ.get("NARRASCOPE_PG_BINDIR")
    candidates = [env] if env else sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0, reverse=True)
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    if shutil.which("initdb") and shutil.which("pg_ctl"):
        return Path(shutil.which("initdb")).parent
    raise PostgresUnavailable("PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's 'postgresql' package "
                              "(apt-get install postgresql) or set NARRASCOPE_PG_BINDIR")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def temporary_postgres(database: str = "narrascope") -> Iterator[str]:
    """Yields ``postgresql://postgres@127.0.0.1:PORT/<database>`` of a fresh server; stops and deletes it on exit."""
    bindir = find_bindir()
    as_root = os.geteuid() == 0
    prefix: list[str] = []
    if as_root:
        if not shutil.which("runuser"):
            raise PostgresUnavailable("running as root and 'runuser' is missing: cannot start PostgreSQL as another user")
        try:
            import pwd

            pw = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise PostgresUnavailable("running as root and there is no 'postgres' user to run the server") from exc
        prefix = ["runuser", "-u", "postgres", "--"]
    root = Path(tempfile.mkdtemp(prefix="narrascope-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if as_root:
        for p in (root, sock):
            os.chown(p, pw.pw_uid, pw.pw_gid)
    port = _free_port()
    started = False
    try:
        subprocess.run(prefix + [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                 "--locale=C", "--no-sync"], check=True, capture_output=True, text=True)
        opts = f"-c listen_addresses=127.0.0.1 -c port={port} -k {sock} -c fsync=off -c max_connections=100"
        subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log.txt"), "-w", "-t", "60",
                                 "start"], check=True, capture_output=True, text=True)
        started = True
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        yield f"postgresql://postgres@127.0.0.1:{port}/{database}"
    except subprocess.CalledProcessError as exc:
        log = (root / "log.txt").read_text(errors="replace")[-2000:] if (root / "log.txt").exists() else ""
        raise PostgresUnavailable(f"could not start PostgreSQL: {exc.stderr or exc}\n{log}") from exc
    finally:
        if started:
            subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                           capture_output=True, text=True)
        shutil.rmtree(root, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    """Create database ``name`` on the server of ``server_url`` (a trust-auth test server); returns its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(server_url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return u.set(database=name).render_as_string(hide_password=False)
