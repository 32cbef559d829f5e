"""``narrascope serve --db URL [--host] [--port] [--token]``: the REST API and the dashboard."""
from __future__ import annotations

import os
import sys

from . import arg, command


@command(
    "serve",
    help="Serve the REST API (OpenAPI at /openapi.json, docs at /docs) and the dashboard (/) over a database.",
    args=[
        arg("--db", default="sqlite:///narrascope.db", metavar="URL", help="database (default sqlite:///narrascope.db)"),
        arg("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1; 0.0.0.0 for all)"),
        arg("--port", type=int, default=8000, help="port (default 8000)"),
        arg("--token", default=None, help="bearer token for write endpoints (default: $NARRASCOPE_API_TOKEN; none = read-only)"),
        arg("--config", metavar="FILE.toml", help="pipeline config for POST /api/articles"),
        arg("--max-body-bytes", type=int, default=None, help="largest request body accepted (default 2 MiB)"),
        arg("--workers", type=int, default=1, help="server processes (default 1); e.g. one per CPU core: each "
                                                    "answers requests on its own core (and holds its own snapshot of the corpus)"),
        arg("--create", action="store_true", help="create the SQLite file when it does not exist (default: refuse, "
                                                  "so a mistyped path is an error, not a new empty database)"),
    ],
)
def run(args) -> int:
    import uvicorn

    from ..api import create_app
    from ..api.security import DEFAULT_MAX_BODY_BYTES
    from ..pipeline import load_config
    from ..store import Store

    token = args.token or os.environ.get("NARRASCOPE_API_TOKEN")
    config = load_config(args.config)
    store = Store(args.db, create=args.create)  # E401 for a SQLite path that does not exist, unless --create
    workers = max(1, args.workers or 1)
    print(f"narrascope: dashboard at http://{args.host}:{args.port}/  API docs at http://{args.host}:{args.port}/docs"
          + ("" if token else "  (read-only: no --token)") + (f"  ({workers} worker processes)" if workers > 1 else ""),
          file=sys.stderr)
    if workers > 1:
        # Each worker process builds its own app from these (uvicorn starts workers from an import string).
        store.close()
        os.environ.update({"NARRASCOPE_SERVE_DB": args.db, "NARRASCOPE_SERVE_MAX_BODY": str(args.max_body_bytes or DEFAULT_MAX_BODY_BYTES)})
        if args.config:
            os.environ["NARRASCOPE_SERVE_CONFIG"] = str(args.config)
        if token:
            os.environ["NARRASCOPE_API_TOKEN"] = token
        from uvicorn.supervisors import Multiprocess

        from ..api.serving import NoDelayConfig

        config = NoDelayConfig("narrascope.api.app:app_from_env", factory=True, workers=workers, host=args.host, port=args.port,
                               log_level="warning")
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return 0
    app = create_app(args.db, token=token, config=config, store=store,
                     max_body_bytes=args.max_body_bytes or DEFAULT_MAX_BODY_BYTES, warm=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
