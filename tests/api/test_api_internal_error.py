"""An unexpected error is a JSON 500 and leaves the connection usable (a real server, 8 clients on keep-alive)."""
import sqlite3
import threading
from collections import Counter

import httpx
import pytest
from live_server import live_server
from store_corpus import small_corpus

from narrascope.store import Store


@pytest.mark.slow
def test_internal_error_is_json_and_keeps_connections_alive(tmp_path):
    path = tmp_path / "c.db"
    st = Store(f"sqlite:///{path}")
    st.add_many(small_corpus())
    st.close()
    con = sqlite3.connect(path)  # one stored row the reader cannot parse: the article page raises inside the store
    aid, pk = con.execute("SELECT article_id, pk FROM articles ORDER BY pk LIMIT 1").fetchone()
    con.execute("UPDATE labels SET evidence = '\"not a list\"' WHERE article_pk = ?", (pk,))
    con.commit()
    con.close()
    log = open(tmp_path / "server.log", "wb")  # a file, not a pipe: an unread pipe full of tracebacks blocks the server
    with live_server(f"sqlite:///{path}", log=log) as (_proc, base):
        outcomes, bodies = [], []

        def client():
            with httpx.Client(base_url=base, timeout=10) as c:  # one keep-alive connection per client
                for _ in range(10):
                    try:
                        r = c.get(f"/api/articles/{aid}")
                        outcomes.append(r.status_code)
                        bodies.append(r.json())
                        outcomes.append(c.get("/api/health").status_code)  # the same connection, right after the 500
                    except httpx.HTTPError as exc:
                        outcomes.append(type(exc).__name__)

        threads = [threading.Thread(target=client) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert Counter(outcomes) == {500: 80, 200: 80}
        assert all(b == {"error": {"status": 500, "message": "internal error: AttributeError"}} for b in bodies)
    log.close()
    logged = (tmp_path / "server.log").read_text("utf-8", "replace")
    assert "internal error on GET /api/articles/" in logged and "Traceback" in logged  # logged with its traceback
