"""A real ``narrascope serve`` process for the tests that need one (no in-process client)."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def live_server(db_url: str, *args: str, log=subprocess.DEVNULL):
    """Yields (process, base URL) once /api/health answers; ``log``: where the server's stderr goes (a
    file, not an unread pipe, when the test makes the server log a lot)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from narrascope.cli import main; sys.exit(main(sys.argv[1:]))",
                             "serve", "--db", db_url, "--port", str(port), *args], stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        yield proc, base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
