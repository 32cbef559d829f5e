"""The corpus store: analysed articles in SQLite (default) or PostgreSQL.

``Store(url)`` opens and migrates a database; ``store.add(article)`` stores
one idempotently (id + content hash; a changed article becomes a new version, the same text under
another id a new appearance, corrected metadata an update with history);
``queries`` answers corpus questions; ``claims`` groups quotes by meaning;
``export`` writes JSON Lines, CSV or SemEval files.
"""
from .db import DEFAULT_URL, normalize_url
from .queries import Filters
from .store import APPEARANCE, CORRECTED, STORED, UNCHANGED, VERSION, Store, load_articles, name_key

__all__ = ["APPEARANCE", "CORRECTED", "DEFAULT_URL", "Filters", "STORED", "Store", "UNCHANGED", "VERSION", "load_articles", "name_key", "normalize_url"]
