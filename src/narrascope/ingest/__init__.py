"""Ingest: files and folders in, Articles out (issue 2 items 1 and 7).

- :func:`read_paths` / :func:`read_path` — lazy reading of plain text, HTML,
  JSON Lines, CSV and SemEval folders; bad input yields ``InputError``.
- :mod:`.dedup` — :class:`~narrascope.ingest.dedup.Deduplicator` (exact + near duplicates).
- :mod:`.language` — the "language" pipeline component and ``detect_language``.

One module per input kind (``plaintext``, ``html``, ``records``, ``semeval``),
each readable alone; ``decode`` turns bytes into text or a clear error.
"""
from .plaintext import article_from_text, split_title
from .reader import iter_files, read_path, read_paths

__all__ = ["read_paths", "read_path", "iter_files", "article_from_text", "split_title"]
