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
    ],
)
def run(args) -> int:
    import uvicorn

    from ..api import create_app
    from ..api.security import DEFAULT_MAX_BODY_BYTES
    from ..pipeline import load_config

    token = args.token or os.environ.get("NARRASCOPE_API_TOKEN")
    app = create_app(args.db, token=token, config=load_config(args.config),
                     max_body_bytes=args.max_body_bytes or DEFAULT_MAX_BODY_BYTES)
    print(f"narrascope: dashboard at http://{args.host}:{args.port}/  API docs at http://{args.host}:{args.port}/docs"
          + ("" if token else "  (read-only: no --token)"), file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
