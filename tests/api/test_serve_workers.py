"""``narrascope serve --workers 2``: two server processes over one store, the token passed on to both."""
import time

import httpx
import pytest
from live_server import live_server
from store_corpus import small_corpus

from narrascope.store import Store


@pytest.mark.slow
def test_two_worker_processes_answer_and_guard_writes(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    st = Store(url)
    st.add_many(small_corpus())
    n = st.count()
    st.close()
    log = open(tmp_path / "server.log", "wb")
    with live_server(url, "--workers", "2", "--token", "w-token", log=log) as (proc, base):
        health = httpx.get(base + "/api/health").json()
        assert health["articles"] == n and health["writes"] is True
        seen = {httpx.get(base + "/api/stats").json()["articles"] for _ in range(6)}
        assert seen == {n}
        assert httpx.delete(base + "/api/articles/a1").status_code == 401
        assert httpx.delete(base + "/api/articles/a1", headers={"Authorization": "Bearer w-token"}).status_code == 200
        time.sleep(1.1)  # each process sees the other's write within its one-second stamp check
        assert {httpx.get(base + "/api/stats").json()["articles"] for _ in range(6)} == {n - 1}
    log.close()
    assert "2 worker processes" in (tmp_path / "server.log").read_text("utf-8", "replace")
