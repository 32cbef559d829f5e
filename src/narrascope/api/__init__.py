"""The REST API (FastAPI) over the corpus store; also serves the dashboard. ``create_app(db_url, token=None)``."""
from .app import create_app

__all__ = ["create_app"]
