"""A small result cache for corpus aggregates, and the column snapshot they are computed from, both
invalidated when the corpus changes.

Aggregates scan every latest article (hundreds of ms at 10,000 articles on a
laptop), while analysts open the same overview again and again. Results are
kept per (question, parameters) and dropped as soon as the corpus stamp moves:
the newest article row, the number of rows (deletions), which rows are the latest
versions (the sum of their keys: an article reverted to an earlier version flips
``is_latest`` without a new row), the newest metadata correction and the claim
groups (checked at most once a second). ``ttl`` bounds a result's age regardless.

``snapshot()`` gives the :class:`~narrascope.store.snapshot.Snapshot` of the current stamp, loaded again
(once, by one thread, the others wait) when the stamp moves. The snapshot holds only what the stamp
covers (articles' latest versions and metadata, their labels and quotes, speakers), so it needs no ``ttl``.
Above ``snapshot_max_rows`` article rows there is none and the questions go to SQL.
"""
from __future__ import annotations

import gc
import logging
import threading
import time
from collections import OrderedDict
from typing import Any, Callable

from sqlalchemy import case, func, select

from ..store.models import ArticleChange, ArticleRow, ClaimGroup

log = logging.getLogger(__name__)


class ResultCache:
    def __init__(self, store, ttl: float = 60.0, max_items: int = 1024, stamp_every: float = 1.0, enabled: bool = True,
                 snapshot_max_rows: int = 300_000):
        self.store = store
        self.ttl = ttl
        self.max_items = max_items
        self.stamp_every = stamp_every
        self.enabled = enabled
        self._items: OrderedDict[tuple, tuple[Any, tuple, float]] = OrderedDict()
        self._lock = threading.Lock()
        self._stamp: tuple = ()
        self._stamp_at = 0.0
        self.hits = self.misses = 0
        self.snapshot_max_rows = snapshot_max_rows  # larger corpora: SQL only (a snapshot would take seconds to load)
        self._snap: tuple | None = None  # (Snapshot, stamp, loaded at)
        self._snap_lock = threading.Lock()

    def stamp(self) -> tuple:
        now = time.monotonic()
        if now - self._stamp_at >= self.stamp_every:
            with self.store.Session() as s:
                articles = s.execute(select(func.max(ArticleRow.pk), func.count(),
                                            func.sum(case((ArticleRow.is_latest.is_(True), ArticleRow.pk), else_=0)))).one()
                changes = s.execute(select(func.max(ArticleChange.id))).scalar()
                claims = s.execute(select(func.max(ClaimGroup.id), func.sum(ClaimGroup.size))).one()
            self._stamp, self._stamp_at = (*articles, changes, claims[0], claims[1]), now
        return self._stamp

    def get(self, key: tuple, compute: Callable[[], Any]) -> Any:
        if not self.enabled:
            return compute()
        stamp = self.stamp()
        now = time.monotonic()
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[1] == stamp and now - hit[2] < self.ttl:
                self._items.move_to_end(key)
                self.hits += 1
                return hit[0]
        self.misses += 1
        value = compute()  # outside the lock: two threads may compute the same thing once each, never block
        with self._lock:
            self._items[key] = (value, stamp, now)
            self._items.move_to_end(key)
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
        self._stamp_at = 0.0

    def snapshot(self):
        """The column snapshot of the corpus as of the current stamp (None when the cache is off)."""
        if not self.enabled:
            return None
        stamp = self.stamp()
        if (stamp[1] or 0) > self.snapshot_max_rows:
            return None
        snap = self._snap
        if snap is not None and snap[1] == stamp:
            return snap[0]
        with self._snap_lock:
            snap = self._snap
            if snap is None or snap[1] != stamp:
                # The snapshot is hundreds of thousands of long-lived objects: left to the collector, every
                # full collection walks them (~45 ms pauses that pile up under concurrent requests). Freeze
                # them after the load; unfreeze first so the previous snapshot can be collected.
                gc.unfreeze()
                self._snap = None
                fresh = self._load()
                gc.collect()
                gc.freeze()
                snap = self._snap = (fresh, stamp, time.monotonic())
        return snap[0]

    def warm(self) -> None:
        """Read the snapshot and its full-text index now (a server's start), so no request pays for them."""
        try:
            snap = self.snapshot()
            if snap is not None:
                with self.store.Session() as s:
                    snap.text_index(s, wait=True)
        except Exception as exc:  # noqa: BLE001 - warming is an optimisation: the first request reads them as before
            log.warning("snapshot not read at start (%s: %s); the first request reads it", type(exc).__name__, exc)

    def _load(self):
        from ..store.snapshot import Snapshot

        with self.store.Session() as s:
            return Snapshot(s)
