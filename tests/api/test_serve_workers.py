"""``narrascope serve --workers 2``: two server processes over one store, the token passed on to both."""
import socket
import subprocess
import sys
import time

import httpx
import pytest
from store_corpus import small_corpus

from narrascope.store import Store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_two_worker_processes_answer_and_guard_writes(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    st = Store(url)
    st.add_many(small_corpus())
    n = st.count()
    st.close()
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from narrascope.cli import main; sys.exit(main(sys.argv[1:]))",
                             "serve", "--db", url, "--port", str(port), "--workers", "2", "--token", "w-token"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        health = httpx.get(base + "/api/health").json()
        assert health["articles"] == n and health["writes"] is True
        seen = {httpx.get(base + "/api/stats").json()["articles"] for _ in range(6)}
        assert seen == {n}
        assert httpx.delete(base + "/api/articles/a1").status_code == 401
        assert httpx.delete(base + "/api/articles/a1", headers={"Authorization": "Bearer w-token"}).status_code == 200
        time.sleep(1.1)  # each process sees the other's write within its one-second stamp check
        assert {httpx.get(base + "/api/stats").json()["articles"] for _ in range(6)} == {n - 1}
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert b"2 worker processes" in proc.stderr.read()
