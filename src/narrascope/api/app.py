"""The REST API and the dashboard, in one FastAPI app.

``create_app(db_url, token=None)``; OpenAPI at ``/openapi.json``, docs at
``/docs`` (Swagger UI) and ``/redoc`` (assets vendored in ``web/static/vendor``, no CDN), the
dashboard at ``/``. Reads are open; writes (POST, DELETE) need the bearer token. Every error is JSON: ``{"error": {"status": 404, "message": …}}``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import threading
from importlib import resources
from typing import Literal

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..doc import Article
from ..errors import NarrascopeError
from ..store import Filters, Store, queries, search
from ..store.db import redact
from .cache import ResultCache
from .security import DEFAULT_MAX_BODY_BYTES, BodyLimitMiddleware, SecurityHeadersMiddleware, require_token

MAX_TEXT_CHARS = 500_000
MAX_INT = 2_147_483_647  # ids, offsets, versions: what every backend's integer columns hold (larger -> 422, not 500)
Level = Literal["narrative", "subnarrative"]


class ArticleIn(BaseModel):
    """An article to analyse: the text, and what is known about it."""

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="the article body (plain text)")
    title: str | None = Field(None, max_length=2000)
    id: str | None = Field(None, max_length=400, description="your id; default: derived from the content")
    url: str | None = Field(None, max_length=4000)
    outlet: str | None = Field(None, max_length=400)
    published: str | None = Field(None, max_length=64, description="ISO 8601 date or datetime")
    author: str | None = Field(None, max_length=400)
    language: str | None = Field(None, max_length=16, description="ISO 639-1, when known (else detected)")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text is blank")
        return v

    @field_validator("published")
    @classmethod
    def _iso(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            dt.datetime.fromisoformat(v.replace("Z", "+00:00")) if "T" in v else dt.date.fromisoformat(v)
        except ValueError as exc:
            raise ValueError(f"'{v}' is not an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)") from exc
        return v


async def _filters(outlet: str | None = Query(None), language: str | None = Query(None),
             date_from: dt.date | None = Query(None, alias="from", description="published on or after (YYYY-MM-DD)"),
             date_to: dt.date | None = Query(None, alias="to", description="published on or before (YYYY-MM-DD)"),
             narrative: str | None = Query(None, description="a narrative or subnarrative label"),
             min_score: float = Query(0.0, ge=0.0, le=1.0), speaker: str | None = Query(None),
             entity: str | None = Query(None), q: str | None = Query(None, max_length=500, description="full-text words")) -> Filters:
    # async: FastAPI runs a plain function dependency in its thread pool, a hand-over per request (and a wait
    # for the GIL under concurrent requests) for what is only building a dataclass.
    return Filters(outlet=outlet, language=language, date_from=date_from, date_to=date_to, narrative=narrative,
                   min_score=min_score, speaker=speaker, entity=entity, q=q)


def _json(content) -> JSONResponse:
    """A JSON response of JSON-native content, without FastAPI's ``jsonable_encoder`` walk (a large share of
    a read's time at 50 list items or one article with its spans)."""
    return JSONResponse(content)


def _page(total: int, limit: int, offset: int, items: list, filters: Filters | None = None) -> dict:
    return {"total": total, "limit": limit, "offset": offset, "items": items,
            **({"filters": filters.as_dict()} if filters is not None else {})}



class InternalErrorMiddleware:
    """An unexpected exception becomes a JSON 500 here, and the connection stays usable.

    Starlette's handler for ``Exception`` sends its 500 and then re-raises, so the server closes the
    keep-alive connection and the client's next request on it fails (seen under the load bench: every
    client then waited out its timeout). Caught here, inside Starlette's outermost error layer, the error
    is logged with its traceback and answered like every other error of the API."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracked(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:  # noqa: BLE001 - the API answers every unexpected error with a 500
            if started:  # part of the response is out: nothing clean to send, let the server close it
                raise
            logging.getLogger("narrascope.api").exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            response = JSONResponse({"error": {"status": 500, "message": f"internal error: {type(exc).__name__}"}}, status_code=500)
            await response(scope, receive, send)

def create_app(db_url: str, token: str | None = None, *, config: dict | None = None,
               max_body_bytes: int = DEFAULT_MAX_BODY_BYTES, store: Store | None = None, pipeline=None,
               cache_ttl: float = 60.0, warm: bool = False) -> FastAPI:
    """The API + dashboard over the database at ``db_url`` (migrated on first use).

    ``token``: bearer token for write endpoints (default: ``NARRASCOPE_API_TOKEN``; none = writes refused).
    ``config``: pipeline config for ``POST /api/articles`` (default: the default config), or a
    ready ``pipeline``; either is built/used on the first POST only. ``store``: an open Store to reuse.
    ``cache_ttl``: seconds an aggregate result may be reused while the corpus is unchanged (0: no cache).
    ``warm``: read the corpus snapshot and the full-text index at start, in a background thread (``serve``
    does: each worker process is then ready before its first request, not after it).
    """
    store = store or Store(db_url)
    token = token or os.environ.get("NARRASCOPE_API_TOKEN") or None
    @contextlib.asynccontextmanager
    async def lifespan(_app):
        if warm:
            threading.Thread(target=cache.warm, daemon=True, name="narrascope-warm").start()
        yield
        store.close()

    app = FastAPI(title="narrascope", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Corpus of analysed war news: narratives, quotes and speakers, actors and roles, claims.")
    app.state.store = store
    cache = app.state.cache = ResultCache(store, ttl=cache_ttl, enabled=cache_ttl > 0)

    def cached(name: str, f: Filters | None, *params, compute):
        key = (name, tuple(sorted(f.as_dict().items())) if f is not None else (), *params)
        return cache.get(key, compute)

    def aggregate(name: str, s, f: Filters, *params):
        """``queries.<name>(s, f, *params)``, answered from the column snapshot when there is one (the same
        result, store/snapshot.py), and kept in the result cache."""
        def compute():
            snap = cache.snapshot()
            return getattr(snap if snap is not None else queries, name)(s, f, *params)
        return cached(name, f, *params, compute=compute)
    app.add_middleware(InternalErrorMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    writer = Depends(require_token(token))
    pipeline_lock = threading.Lock()
    pipeline_box: dict = {"pipeline": pipeline} if pipeline is not None else {}

    async def session():
        # async for the same reason as _filters: a sync generator dependency costs two thread-pool hand-overs
        # (enter, exit). Opening a session does no I/O (its connection is taken at its first query, in the
        # endpoint's thread); closing hands the connection back to the pool.
        s = store.Session()
        try:
            yield s
        finally:
            s.close()

    db = Depends(session)
    flt = Depends(_filters)

    # -- errors ------------------------------------------------------------
    def _error(status: int, message, extra: dict | None = None) -> JSONResponse:
        return JSONResponse({"error": {"status": status, "message": message, **(extra or {})}}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException):
        message = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else "no such endpoint or item"
        return _error(exc.status_code, message) if not exc.headers else JSONResponse(
            {"error": {"status": exc.status_code, "message": message}}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError):
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or 'body'}: {e.get('msg')}" for e in exc.errors()]
        return _error(422, "invalid request: " + "; ".join(problems), {"details": jsonable(exc.errors())})

    @app.exception_handler(NarrascopeError)
    async def _narrascope_error(_request: Request, exc: NarrascopeError):
        return _error(400, str(exc), {"code": exc.code})

    @app.exception_handler(OverflowError)
    async def _overflow(_request: Request, exc: OverflowError):
        return _error(422, f"invalid request: a number is out of range (at most {MAX_INT})")


    # -- meta --------------------------------------------------------------
    @app.get("/api/health", tags=["meta"])
    def health():
        return {"status": "ok", "version": __version__, "database": redact(store.url), "backend": store.backend,
                "articles": store.count(), "writes": bool(token)}

    @app.get("/api/stats", tags=["meta"], summary="Corpus overview for the filters")
    def stats(s=db, f: Filters = flt):
        return _json(aggregate("overview", s, f))

    @app.get("/api/outlets", tags=["meta"])
    def outlets(s=db):
        return cached("outlets", None, compute=lambda: queries.outlets(s))

    @app.get("/api/runs", tags=["meta"], summary="Ingest runs: when, which stages, how many stored and failed")
    def runs():
        return store.runs()

    # -- articles ----------------------------------------------------------
    @app.get("/api/articles", tags=["articles"], summary="Latest articles matching the filters, paginated")
    def list_articles(s=db, f: Filters = flt, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_INT),
                      sort: Literal["published", "stored", "outlet", "title", "quotes", "relevance"] = Query(
                          "published", description="relevance: best full-text match of q first"),
                      order: Literal["asc", "desc"] = "desc"):
        key = "published" if sort == "relevance" and not search.words(f.q) else sort
        snap = cache.snapshot() if key in ("published", "stored", "quotes", "relevance") else None
        page = snap.page(s, f, limit, offset, key, order == "desc") if snap is not None else None
        total, items = queries.list_articles(s, f, limit, offset, sort, order == "desc", page=page,
                                             snippets=snap.snippets if snap is not None else None,
                                             narratives=snap.narratives_of if snap is not None else None,
                                             rows_of=snap.list_rows if snap is not None else None)
        return _json(_page(total, limit, offset, items, f))

    @app.get("/api/articles/{article_id:path}", tags=["articles"], summary="One article with all its spans")
    def get_article(article_id: str, version: int | None = Query(None, ge=1, le=MAX_INT), raw: bool = False):
        view = store.article_view(article_id, version, include_raw=raw)
        if view is None:
            raise HTTPException(404, f"no article '{article_id}'" + (f" version {version}" if version else ""))
        return _json(view)

    @app.delete("/api/articles/{article_id:path}", tags=["articles"], dependencies=[writer],
                summary="Delete an article (every version); needs the token")
    def delete_article(article_id: str):
        n = store.delete_article(article_id)
        if not n:
            raise HTTPException(404, f"no article '{article_id}'")
        cache.clear()
        return {"deleted": article_id, "rows": n}

    @app.post("/api/articles", tags=["articles"], dependencies=[writer],
              summary="Analyse an article; stored only with ?store=true")
    def post_article(body: ArticleIn, store_it: bool = Query(False, alias="store")):
        art = Article(id=body.id or "", text=body.text, raw_text=body.text, title=body.title, url=body.url,
                      outlet=body.outlet, published=body.published, author=body.author, language=body.language,
                      source_format="api")
        art.compute_hash()
        if not art.id:
            art.id = "api-" + hashlib.sha256(art.content_hash.encode()).hexdigest()[:16]
        with pipeline_lock:  # components are not guaranteed thread-safe; build once, run one at a time
            if "pipeline" not in pipeline_box:
                from ..pipeline import Pipeline, load_config

                pipeline_box["pipeline"] = Pipeline.from_config(config or load_config())
            pipeline_box["pipeline"](art)
        result = {"article": art.to_dict(), "stored": None}
        if store_it:
            result["stored"] = store.add(art)
            cache.clear()
        return JSONResponse(result, status_code=201 if result["stored"] in ("stored", "version", "appearance") else 200)

    @app.post("/api/claims/update", tags=["claims"], dependencies=[writer],
              summary="Group new quotes into claims (embeds quotes not yet embedded)")
    def post_claims_update(threshold: float | None = Query(None, gt=0.0, le=1.0, description="default: [store] claim_threshold"),
                           rebuild: bool = False):
        from ..store.claims import settings, update_claims

        spec, default = settings(config)
        stats = update_claims(store, spec=spec, threshold=threshold or default, rebuild=rebuild, config=config)
        cache.clear()
        return stats

    # -- aggregates --------------------------------------------------------
    @app.get("/api/aggregates/timeline", tags=["aggregates"], summary="Articles per narrative per day/week/month")
    def timeline(s=db, f: Filters = flt, period: Literal["day", "week", "month"] = "week", level: Level = "narrative",
                 top: int = Query(10, ge=0, le=200)):
        return _json(aggregate("narrative_timeline", s, f, period, level, top))

    @app.get("/api/aggregates/outlets", tags=["aggregates"], summary="Articles per narrative per outlet")
    def by_outlet(s=db, f: Filters = flt, level: Level = "narrative", top: int = Query(10, ge=0, le=200)):
        return _json(aggregate("narratives_by_outlet", s, f, level, top))

    @app.get("/api/aggregates/narratives", tags=["aggregates"], summary="How many articles carry each label")
    def narrative_counts(s=db, f: Filters = flt, level: Level = "narrative"):
        return _json(aggregate("narrative_counts", s, f, level))

    @app.get("/api/aggregates/cooccurrence", tags=["aggregates"], summary="Labels found together in an article")
    def cooccurrence(s=db, f: Filters = flt, level: Level = "narrative", top: int = Query(50, ge=1, le=500)):
        return _json(aggregate("cooccurrence", s, f, level, top))

    @app.get("/api/aggregates/sourcing", tags=["aggregates"], summary="Named vs anonymous sourcing per outlet")
    def sourcing(s=db, f: Filters = flt):
        return _json(aggregate("sourcing_by_outlet", s, f))

    # -- speakers, entities, claims -----------------------------------------
    @app.get("/api/speakers", tags=["speakers"], summary="Speakers by how often quoted, with their narratives")
    def list_speakers(s=db, f: Filters = flt, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_INT),
                      anonymous: bool | None = None):
        total, items = aggregate("speakers", s, f, limit, offset, anonymous)
        return _json(_page(total, limit, offset, items, f))

    @app.get("/api/speakers/{name:path}", tags=["speakers"], summary="One speaker: every quote, outlets, media, narratives")
    def get_speaker(name: str, s=db, f: Filters = flt):
        out = queries.speaker_detail(s, name, f)
        if out is None:
            raise HTTPException(404, f"no speaker '{name}'")
        return out

    @app.get("/api/entities", tags=["entities"], summary="Actors by how many articles mention them, with role counts")
    def list_entities(s=db, f: Filters = flt, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_INT),
                      role: str | None = Query(None, description="Protagonist, Antagonist or Innocent")):
        total, items = aggregate("entities", s, f, limit, offset, role)
        return _json(_page(total, limit, offset, items, f))

    @app.get("/api/entities/{name:path}", tags=["entities"], summary="One actor: roles overall and per outlet, with the sentences")
    def get_entity(name: str, s=db, f: Filters = flt):
        out = queries.entity_detail(s, name, f)
        if out is None:
            raise HTTPException(404, f"no actor '{name}'")
        return out

    @app.get("/api/claims", tags=["claims"], summary="Statements grouped by meaning across articles")
    def list_claims(s=db, f: Filters = flt, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_INT),
                    min_size: int = Query(2, ge=1, le=MAX_INT)):
        total, items = cached("claims", f, limit, offset, min_size, compute=lambda: queries.claims(s, f, limit, offset, min_size))
        return _page(total, limit, offset, items, f)

    @app.get("/api/claims/{claim_id}", tags=["claims"], summary="One claim group: every quote, speaker, outlet, date")
    def get_claim(claim_id: int = Path(..., ge=1, le=MAX_INT), s=db, f: Filters = flt):
        out = queries.claim_detail(s, claim_id, f)
        if out is None:
            raise HTTPException(404, f"no claim group {claim_id}")
        return out

    @app.get("/api/search/names", tags=["meta"], summary="Speakers and actors whose name contains the text")
    def search_names(q: str = Query(..., min_length=1, max_length=200), s=db):
        return queries.search_names(s, q)

    @app.get("/api/export", tags=["export"], summary="Download the filtered corpus as jsonl, csv or semeval")
    def export(f: Filters = flt, format: Literal["jsonl", "csv", "semeval"] = "jsonl"):
        from ..store.export import iter_export_lines

        media = {"jsonl": "application/x-ndjson", "csv": "text/csv", "semeval": "text/tab-separated-values"}[format]
        name = {"jsonl": "narrascope.jsonl", "csv": "narrascope.csv", "semeval": "narrascope-subtask2.txt"}[format]
        return StreamingResponse(iter_export_lines(store, format, f), media_type=media + "; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'})

    # -- dashboard ---------------------------------------------------------
    web = resources.files("narrascope.web")
    app.mount("/static", StaticFiles(directory=str(web.joinpath("static"))), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def dashboard():
        return FileResponse(str(web.joinpath("templates", "index.html")), media_type="text/html")

    @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
    def swagger_docs():
        return FileResponse(str(web.joinpath("templates", "docs.html")), media_type="text/html")

    @app.api_route("/redoc", methods=["GET", "HEAD"], include_in_schema=False)
    def redoc_docs():
        return FileResponse(str(web.joinpath("templates", "redoc.html")), media_type="text/html")

    return app


def app_from_env() -> FastAPI:
    """The app of one ``narrascope serve --workers N`` process, from the settings the command put in the environment."""
    from ..pipeline import load_config

    return create_app(os.environ["NARRASCOPE_SERVE_DB"], config=load_config(os.environ.get("NARRASCOPE_SERVE_CONFIG") or None),
                      max_body_bytes=int(os.environ.get("NARRASCOPE_SERVE_MAX_BODY") or DEFAULT_MAX_BODY_BYTES), warm=True)


def jsonable(errors: list) -> list:
    """Validation errors without the non-JSON bits pydantic puts in ``ctx``."""
    return [{k: (str(v) if k == "ctx" else v) for k, v in e.items() if k in ("loc", "msg", "type", "ctx")} for e in errors]
