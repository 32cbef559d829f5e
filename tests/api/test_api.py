"""The REST API over SQLite and PostgreSQL: reads, filters, aggregates, writes with a token, JSON errors."""
import csv
import io

import pytest
from fastapi.testclient import TestClient
from store_corpus import rich_article, small_corpus

from narrascope.api import create_app
from narrascope.pipeline import load_config
from narrascope.store import Store

D, W = "URW: Discrediting Ukraine", "URW: Discrediting the West, Diplomacy"
TOKEN = "s3cret-token"
LIGHT = load_config(overrides={"pipeline": {"components": ["language", "clean", "attribution"]}})


@pytest.fixture(scope="module")
def light_pipeline():
    from narrascope.pipeline import Pipeline

    return Pipeline.from_config(LIGHT)  # built once: loading spaCy per test is slow


@pytest.fixture
def client(db_url, light_pipeline):
    st = Store(db_url)
    for art in [*small_corpus(), rich_article()]:
        st.add(art)
    app = create_app(db_url, token=TOKEN, pipeline=light_pipeline, max_body_bytes=64_000, store=st)
    with TestClient(app) as c:
        yield c


def test_openapi_lists_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    for path in ["/api/articles", "/api/articles/{article_id}", "/api/aggregates/timeline", "/api/aggregates/outlets",
                 "/api/aggregates/cooccurrence", "/api/aggregates/sourcing", "/api/speakers", "/api/speakers/{name}",
                 "/api/entities", "/api/entities/{name}", "/api/claims", "/api/claims/{claim_id}", "/api/export"]:
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/articles"]


def test_list_filters_and_pages(client):
    page = client.get("/api/articles", params={"limit": 3}).json()
    assert page["total"] == 7 and len(page["items"]) == 3 and page["limit"] == 3
    assert client.get("/api/articles", params={"limit": 3, "offset": 6}).json()["items"][0]["id"] == "a6"
    ids = lambda **p: sorted(i["id"] for i in client.get("/api/articles", params={"limit": 100, **p}).json()["items"])  # noqa: E731
    assert ids(outlet="Outlet A") == ["a1", "a2"]
    assert ids(**{"from": "2024-03-06", "to": "2024-03-12"}) == ["a2", "a3"]
    assert ids(narrative=D, min_score=0.5) == ["a1", "a2", "rich-1"]
    assert ids(speaker="Jane Harper") == ["a3", "a4"]
    assert ids(entity="NATO") == ["a2", "a3"]
    assert ids(q="front break") == ["a1", "rich-1"] and ids(q="spring front") == ["rich-1"]
    assert ids(language="en", outlet="Baltic Wire") == ["rich-1"]
    first = client.get("/api/articles", params={"sort": "title", "order": "asc", "limit": 1}).json()["items"][0]
    assert first["title"] == "Reserves running low, former minister says"


def test_one_article_with_all_spans(client):
    a = client.get("/api/articles/rich-1").json()
    assert a["quotes"][1]["anonymous"] and a["quotes"][1]["hedges"] == ["reportedly"]
    assert a["quotes"][0]["medium"] == "Radio North"
    assert a["narratives"][0]["evidence"][0]["text"].startswith("The former defence minister")
    assert a["entities"][0]["fine_roles"] == ["Guardian", "Virtuous"]
    assert a["removed"][0]["reason"] == "newsletter sign-up" and a["explanation"]["narrative"] == D
    assert a["versions"] == [{**a["versions"][0], "version": 1, "is_latest": True}]
    assert "raw_text" not in a and client.get("/api/articles/rich-1", params={"raw": True}).json()["raw_text"]


def test_aggregates(client):
    tl = client.get("/api/aggregates/timeline", params={"period": "week"}).json()
    assert tl["periods"][:3] == ["2024-03-04", "2024-03-11", "2024-03-18"]
    assert {s["label"]: s["counts"][0] for s in tl["series"]}[D] == 2
    assert client.get("/api/aggregates/timeline", params={"period": "month", "outlet": "Outlet B"}).json()["totals"] == [2]
    by = client.get("/api/aggregates/outlets").json()
    assert by["outlets"][0] in ("Outlet A", "Outlet B") and len(by["series"]) == 3
    assert client.get("/api/aggregates/cooccurrence").json() == [{"a": D, "b": W, "articles": 1}]
    counts = {r["label"]: r["articles"] for r in client.get("/api/aggregates/narratives").json()}
    assert counts[D] == 4
    sourcing = {r["outlet"]: r for r in client.get("/api/aggregates/sourcing").json()}
    assert sourcing["Baltic Wire"]["anonymous"] == 1 and sourcing["Baltic Wire"]["via_medium"] == 1
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 7 and stats["outlets"] == 4


def test_speakers_entities_claims(client):
    sp = client.get("/api/speakers", params={"limit": 2}).json()
    assert sp["total"] == 4 and len(sp["items"]) == 2
    orlov = client.get("/api/speakers/pavel orlov").json()
    assert len(orlov["quotes"]) == 3 and {o["outlet"] for o in orlov["by_outlet"]} == {"Outlet A", "Baltic Wire"}
    ent = client.get("/api/entities", params={"role": "Innocent"}).json()
    assert [e["key"] for e in ent["items"]] == ["ukraine"]
    nato = client.get("/api/entities/NATO").json()
    assert nato["roles"] == {"Antagonist": 1, "Protagonist": 1}
    assert client.get("/api/claims").json()["total"] == 0  # nothing grouped yet
    assert client.get("/api/search/names", params={"q": "harp"}).json()["speakers"] == ["Jane Harper"]


def test_export_endpoint(client):
    r = client.get("/api/export", params={"format": "csv", "outlet": "Outlet A"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert [row["id"] for row in csv.DictReader(io.StringIO(r.text))] == ["a1", "a2"]
    lines = client.get("/api/export", params={"format": "semeval", "outlet": "Outlet B"}).text.splitlines()
    assert sorted(line.split("\t")[0] for line in lines) == ["a3.txt", "a4.txt"]
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422


def test_errors_are_json_with_a_message(client):
    r = client.get("/api/articles/nope")
    assert r.status_code == 404 and r.json() == {"error": {"status": 404, "message": "no article 'nope'"}}
    r = client.get("/api/articles", params={"limit": 10_000})
    assert r.status_code == 422 and "limit" in r.json()["error"]["message"]
    r = client.get("/api/articles", params={"from": "last tuesday"})
    assert r.status_code == 422 and "from" in r.json()["error"]["message"]
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and r.json()["error"]["message"]
    assert client.get("/api/speakers/Nobody").json()["error"]["message"] == "no speaker 'Nobody'"
    assert client.get("/api/aggregates/timeline", params={"period": "year"}).status_code == 422


ARTICLE = {"title": "Repairs continue in the north",
           "text": "The regional governor, Maria Kovalenko, said on Monday that power had been restored to most homes.\n\n"
                   "\"We are working day and night,\" Kovalenko told Radio North.",
           "outlet": "Test Outlet", "published": "2024-06-01"}


def test_writes_need_the_token(client):
    assert client.post("/api/articles", json=ARTICLE).status_code == 401
    r = client.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.json()["error"]["message"] == "wrong API token"
    assert client.post("/api/claims/update", headers={"Authorization": "Basic abc"}).status_code == 401


def test_post_analyses_and_stores_only_when_asked(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/articles", json=ARTICLE, headers=auth)
    assert r.status_code == 200 and r.json()["stored"] is None
    art = r.json()["article"]
    assert art["language"] == "en" and art["id"].startswith("api-")
    assert any(q["speaker"] and "Kovalenko" in q["speaker"] for q in art["quotes"])
    assert client.get(f"/api/articles/{art['id']}").status_code == 404
    r = client.post("/api/articles", params={"store": "true"}, json={**ARTICLE, "id": "mine-1"}, headers=auth)
    assert r.status_code == 201 and r.json()["stored"] == "stored"
    assert client.get("/api/articles/mine-1").json()["outlet"] == "Test Outlet"
    r = client.post("/api/articles", params={"store": "true"}, json={**ARTICLE, "id": "mine-1"}, headers=auth)
    assert r.status_code == 200 and r.json()["stored"] == "unchanged"


def test_post_validation_and_body_limit(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/articles", json={"text": "   "}, headers=auth)
    assert r.status_code == 422 and "text" in r.json()["error"]["message"]
    r = client.post("/api/articles", json={**ARTICLE, "published": "yesterday"}, headers=auth)
    assert r.status_code == 422 and "ISO 8601" in r.json()["error"]["message"]
    r = client.post("/api/articles", content=b"{", headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 422
    big = {"text": "word " * 20_000}
    r = client.post("/api/articles", json=big, headers=auth)
    assert r.status_code == 413 and "64000 bytes" in r.json()["error"]["message"]

    def chunks():  # no Content-Length: the limit still holds while reading
        for _ in range(100):
            yield b"x" * 1000

    r = client.post("/api/articles", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 413


def test_read_only_without_a_token(tmp_path, monkeypatch):
    monkeypatch.delenv("NARRASCOPE_API_TOKEN", raising=False)
    url = f"sqlite:///{tmp_path / 'ro.db'}"
    with TestClient(create_app(url)) as c:
        r = c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403 and "--token" in r.json()["error"]["message"]
        assert c.get("/api/health").json()["writes"] is False
    monkeypatch.setenv("NARRASCOPE_API_TOKEN", "from-env")
    with TestClient(create_app(url, config=LIGHT)) as c:  # config: the pipeline is built on the first POST
        assert c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer from-env"}).status_code == 200


def test_dashboard_is_served_with_a_strict_policy(client):
    r = client.get("/")
    assert r.status_code == 200 and "narrascope" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/static/vendor/chart.umd.min.js").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_ids_with_slashes_and_colons(client, db_url):
    from store_corpus import make_article

    st = client.app.state.store
    st.add(make_article("feeds/2024:7", "Outlet Z", "2024-07-01", body="A record from a JSON Lines feed."))
    r = client.get("/api/articles/feeds%2F2024:7")
    assert r.status_code == 200 and r.json()["id"] == "feeds/2024:7"
    assert client.get("/api/articles/feeds/2024:7").json()["outlet"] == "Outlet Z"


def test_aggregates_are_cached_until_the_corpus_changes(client):
    from store_corpus import make_article

    cache = client.app.state.cache
    cache.stamp_every = 0  # check the corpus stamp on every request
    first = client.get("/api/aggregates/narratives").json()
    hits = cache.hits
    assert client.get("/api/aggregates/narratives").json() == first and cache.hits == hits + 1
    client.app.state.store.add(make_article("late", "Outlet A", "2024-03-05", [(D, 0.9)], body="A late story."))
    after = {r["label"]: r["articles"] for r in client.get("/api/aggregates/narratives").json()}
    assert after[D] == {r["label"]: r["articles"] for r in first}[D] + 1
