"""Full-text search through the API answers the same with the column snapshot and its in-memory text index as
with SQL alone (the result cache off), on SQLite and PostgreSQL: same totals, articles, order and snippets."""
import time

import pytest
from fastapi.testclient import TestClient
from store_corpus import make_article, rich_article, small_corpus

from narrascope.api import create_app
from narrascope.store import Store
from narrascope.store.textindex import TextIndex

TOKEN = "s3cret-token"
QUERIES = ["sanctions", "sanct", "front break", "spring front", "the", "officials met", "s", "orlov", "санкц", "kraków",
           "krakow", "ministry's", "ministry_s", "nothing-like-this", "!!!"]


@pytest.fixture
def clients(db_url):
    st = Store(db_url)
    extra = [make_article("k1", "Outlet C", "2024-04-01", title="Sanctions in Kraków", body="The ministry's sanctions list grew in Kraków."),
             make_article("k2", "Outlet C", "2024-04-02", title="Санкции", body="Санкции против нефти расширены.")]
    for art in [*small_corpus(), rich_article(), *extra]:
        st.add(art)
    indexed = create_app(db_url, token=TOKEN, store=st)
    plain = create_app(db_url, token=TOKEN, store=st, cache_ttl=0)  # no snapshot: SQL answers everything
    with TestClient(indexed) as a, TestClient(plain) as b:
        yield a, b, indexed


def wait_for_index(app) -> TextIndex:
    snap = app.state.cache.snapshot()
    deadline = time.monotonic() + 60
    with app.state.store.Session() as s:
        while not isinstance(index := snap.text_index(s), TextIndex) and time.monotonic() < deadline:
            time.sleep(0.02)
    assert isinstance(index, TextIndex)
    return index


def test_search_answers_as_sql_does(clients):
    indexed, plain, app = clients
    indexed.get("/api/articles", params={"q": "sanctions"})  # the first search starts reading the index
    wait_for_index(app)
    for q in QUERIES:
        for params in ({}, {"sort": "relevance"}, {"sort": "stored", "order": "asc"}, {"limit": 2, "offset": 1},
                       {"outlet": "Outlet C"}):
            got = indexed.get("/api/articles", params={"q": q, **params})
            want = plain.get("/api/articles", params={"q": q, **params})
            assert got.status_code == want.status_code == 200
            if params.get("sort") == "relevance" and app.state.store.backend == "postgresql":
                # The index ranks by BM25 on both backends; PostgreSQL's SQL fallback by ts_rank: the same
                # articles, maybe in another order (tests/store/test_snapshot.py checks the BM25 order).
                g, w = got.json(), want.json()
                assert g["total"] == w["total"] and sorted(i["id"] for i in g["items"]) == sorted(i["id"] for i in w["items"]), q
                continue
            assert got.json() == want.json(), (q, params)
    assert indexed.get("/api/articles", params={"q": "sanctions"}).json()["total"] >= 2


def test_a_deleted_article_leaves_the_index(clients):
    indexed, plain, app = clients
    indexed.get("/api/articles", params={"q": "kraków"})
    wait_for_index(app)
    assert [i["id"] for i in indexed.get("/api/articles", params={"q": "kraków"}).json()["items"]] == ["k1"]
    assert indexed.delete("/api/articles/k1", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    for client in (indexed, plain):
        assert client.get("/api/articles", params={"q": "kraków"}).json()["total"] == 0
    wait_for_index(app)  # the new snapshot's own index
    assert indexed.get("/api/articles", params={"q": "krak"}).json() == plain.get("/api/articles", params={"q": "krak"}).json()
