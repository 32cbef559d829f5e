"""Every write route with no token, a wrong Bearer token and the right one; read-only servers; hostile
numbers; HEAD; offline API docs; appearances and history in the article view."""
import re

import pytest
from fastapi.testclient import TestClient
from store_corpus import make_article, small_corpus

from narrascope.api import create_app
from narrascope.pipeline import load_config
from narrascope.store import Store

TOKEN = "s3cret-token"
LIGHT = load_config(overrides={"pipeline": {"components": ["language", "clean", "attribution"]}})
ARTICLE = {"title": "Repairs continue in the north",
           "text": "The regional governor, Maria Kovalenko, said on Monday that power had been restored to most homes.",
           "outlet": "Test Outlet", "published": "2024-06-01"}
# (method, path, request kwargs, status with the right token)
WRITES = [
    ("POST", "/api/articles", {"json": ARTICLE}, 200),
    ("POST", "/api/articles?store=true", {"json": {**ARTICLE, "id": "posted-1"}}, 201),
    ("POST", "/api/claims/update", {}, 200),
    ("DELETE", "/api/articles/a1", {}, 200),
]


@pytest.fixture(scope="module")
def light_pipeline():
    from narrascope.pipeline import Pipeline

    return Pipeline.from_config(LIGHT)


@pytest.fixture
def client(db_url, light_pipeline):
    st = Store(db_url)
    st.add_many(small_corpus())
    app = create_app(db_url, token=TOKEN, pipeline=light_pipeline, store=st)
    with TestClient(app) as c:
        yield c


def test_every_write_route_is_in_the_schema_and_guarded(client):
    spec = client.get("/openapi.json").json()
    writes = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops if m in ("post", "put", "patch", "delete")}
    assert writes == {("POST", "/api/articles"), ("POST", "/api/claims/update"), ("DELETE", "/api/articles/{article_id}")}


@pytest.mark.parametrize("method,path,kwargs,ok", WRITES, ids=[f"{m} {p}" for m, p, _k, _o in WRITES])
def test_write_route_token_matrix(client, method, path, kwargs, ok):
    before = client.get("/api/articles", params={"limit": 500}).json()["total"]
    r = client.request(method, path, **kwargs)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in r.json()["error"]["message"]
    r = client.request(method, path, headers={"Authorization": "Bearer not-the-token"}, **kwargs)
    assert r.status_code == 401 and r.json()["error"]["message"] == "wrong API token"
    r = client.request(method, path, headers={"Authorization": f"Basic {TOKEN}"}, **kwargs)
    assert r.status_code == 401
    # Nothing was written by the refused requests.
    assert client.get("/api/articles", params={"limit": 500}).json()["total"] == before
    r = client.request(method, path, headers={"Authorization": f"Bearer {TOKEN}"}, **kwargs)
    assert r.status_code == ok, r.text
    after = client.get("/api/articles", params={"limit": 500}).json()["total"]
    if method == "DELETE":
        assert after == before - 1 and client.get("/api/articles/a1").status_code == 404
        assert client.delete("/api/articles/a1", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404
    elif "store=true" in path:
        assert after == before + 1 and client.get("/api/articles/posted-1").status_code == 200
    else:
        assert after == before


@pytest.mark.parametrize("method,path,kwargs,ok", WRITES, ids=[f"{m} {p}" for m, p, _k, _o in WRITES])
def test_write_routes_refused_on_a_read_only_server(tmp_path, monkeypatch, method, path, kwargs, ok):
    monkeypatch.delenv("NARRASCOPE_API_TOKEN", raising=False)
    url = f"sqlite:///{tmp_path / 'ro.db'}"
    st = Store(url)
    st.add_many(small_corpus())
    with TestClient(create_app(url, store=st)) as c:
        for headers in ({}, {"Authorization": "Bearer anything"}):
            r = c.request(method, path, headers=headers, **kwargs)
            assert r.status_code == 403 and "--token" in r.json()["error"]["message"]
        assert c.get("/api/articles/a1").status_code == 200


@pytest.mark.parametrize("path,params", [
    ("/api/articles", {"offset": "9223372036854775808"}),
    ("/api/articles", {"limit": "99999999999999999999"}),
    ("/api/articles/a1", {"version": "123456789012345678901"}),
    ("/api/claims/12345678901234567890", {}),
    ("/api/claims", {"min_size": "9223372036854775808"}),
    ("/api/speakers", {"offset": "-1"}),
    ("/api/entities", {"offset": "18446744073709551616"}),
])
def test_huge_or_negative_numbers_are_422_not_500(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["status"] == 422


def test_head_requests(client):
    r = client.head("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html") and r.content == b""
    assert client.head("/docs").status_code == 200 and client.head("/redoc").status_code == 200


def test_api_docs_work_offline_under_the_policy(client):
    for page, assets in (("/docs", ["/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/vendor/swagger-ui/swagger-ui.css",
                                    "/static/docs.js"]),
                         ("/redoc", ["/static/vendor/redoc/redoc.standalone.js"])):
        r = client.get(page)
        assert r.status_code == 200
        html = r.text
        assert "cdn" not in html.lower() and "http://" not in html and "https://" not in html
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script: the CSP would block it"
        for asset in assets:
            assert asset in html
            got = client.get(asset)
            assert got.status_code == 200 and len(got.content) > 200
        csp = r.headers["content-security-policy"]
        assert "script-src 'self';" in csp and "unsafe-eval" not in csp and "https:" not in csp
    assert client.get("/openapi.json").status_code == 200
    # The dashboard keeps the strict policy.
    assert "unsafe-inline" not in client.get("/").headers["content-security-policy"]


def test_article_view_shows_appearances_and_history(client):
    st = client.app.state.store
    a1 = small_corpus()[0]
    copy = make_article("copy-1", "Outlet W", "2024-03-05", body="Ukraine faced a hard week. Officials met.")
    copy.title, copy.raw_text = a1.title, a1.raw_text
    copy.compute_hash()
    assert copy.content_hash == a1.content_hash
    assert st.add(copy) == "appearance"
    fixed = small_corpus()[0]
    fixed.published = "2024-03-05"
    assert st.add(fixed) == "corrected"
    got = client.get("/api/articles/a1").json()
    assert [a["id"] for a in got["appearances"]] == ["a1", "copy-1"]
    assert got["history"][0]["changes"] == {"published": ["2024-03-04", "2024-03-05"]}
    assert client.get("/api/outlets").json()[-1]["articles"] >= 1


def test_runs_show_status(client):
    st = client.app.state.store
    run = st.start_run("ingest x")
    st.add(make_article("r1", "Outlet R", "2024-01-01"), run_id=run)
    (first, *_rest) = client.get("/api/runs").json()
    assert first["status"] == "unfinished" and first["stored"] == 1
