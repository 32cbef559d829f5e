"""``api/cache.py``: the snapshot and its full-text index read at a server's start (``warm``)."""
import time

from fastapi.testclient import TestClient
from store_corpus import small_corpus

from narrascope.api import create_app
from narrascope.store import Store
from narrascope.store.textindex import TextIndex


def test_warm_app_reads_snapshot_and_text_index_before_any_request(db_url):
    st = Store(db_url)
    st.add_many(small_corpus())
    app = create_app(db_url, store=st, warm=True)
    with TestClient(app):  # lifespan runs: the warm-up starts; no request is made
        cache = app.state.cache
        for _ in range(300):
            snap = cache._snap
            if snap is not None and isinstance(snap[0]._text, TextIndex):
                break
            time.sleep(0.05)
        assert snap is not None and snap[0].n == st.count()
        assert isinstance(snap[0]._text, TextIndex)
        assert cache.misses == 0  # nothing was asked; the snapshot came from the warm-up


def test_cold_app_reads_nothing_until_asked(db_url):
    st = Store(db_url)
    st.add_many(small_corpus())
    app = create_app(db_url, store=st)
    with TestClient(app) as client:
        time.sleep(0.3)
        assert app.state.cache._snap is None
        assert client.get("/api/aggregates/narratives").status_code == 200
        assert app.state.cache._snap is not None
