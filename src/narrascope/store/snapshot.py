"""The latest articles as columns in memory, for fast corpus questions.

At 10,000 articles an aggregate in SQL (join labels or quotes to the latest articles, count distinct,
group) takes tens of milliseconds of CPU, and the article list's ``count(*)`` and ``EXISTS`` filters
as many again; eight clients sharing two cores then wait hundreds of milliseconds. A
:class:`Snapshot` holds what those questions read as numpy arrays (one row per latest article, label,
quote), loaded in a few full-table reads, and answers them with masks and counting in a millisecond or
two. The API keeps one per corpus stamp (``api/cache.py``): a write moves the stamp and the next
question loads a new snapshot, so answers are never older than the stamp check (one second).

Every function here returns exactly what its namesake in :mod:`queries` returns (tests/store/
test_snapshot.py compares them on both backends); :mod:`queries` stays the reference and answers
whatever the snapshot does not (sorting by title or outlet, relevance ranking, one speaker's or actor's
page, claim groups), and everything when the result cache is off.
Filters on a speaker or an actor are resolved in SQL to a set of article keys (indexed lookups) and applied
as a mask; full-text words by the store's own full-text index read into memory (store/textindex.py), in
SQL until it is read and for what it leaves to SQL.
"""
from __future__ import annotations

import datetime as dt
import functools
import logging
import threading
import time
from collections import OrderedDict, defaultdict, namedtuple

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import E, NarrascopeError
from . import search
from .models import ArticleRow, EntityRow, LabelRow, QuoteRow, Speaker
from . import queries
from .queries import PERIODS, Filters, _backend, _period_start, by_outlet_result, timeline_result
from .search import speaker_group_key
from .textindex import TextIndex
from .store import name_key

LEVELS = {"narrative": 0, "subnarrative": 1}
log = logging.getLogger(__name__)


def _distinct(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique by sorting: its hash path is several times slower here)."""
    if len(a) < 2:
        return np.sort(a)
    a = np.sort(a)
    return a[np.concatenate(([True], a[1:] != a[:-1]))]


def _ranks(values: list) -> np.ndarray:
    """Code -> position of its value in string order."""
    order = sorted(range(len(values)), key=lambda c: values[c])
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def _counted(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and how often each occurs."""
    a = np.sort(a)
    if not len(a):
        return a, np.zeros(0, dtype=np.int64)
    first = np.flatnonzero(np.concatenate(([True], a[1:] != a[:-1])))
    return a[first], np.diff(np.append(first, len(a)))


# Below this many cells a (row, col) question is answered with a table, not a sort (sorting the ~20k quotes
# of a page of speakers was most of the speakers' answer).
_DENSE_MAX = 4_000_000


def _distinct_pairs(rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (row, col) pairs, ordered by row then col."""
    if n_rows * n_cols <= _DENSE_MAX:
        table = np.zeros((n_rows, n_cols), dtype=bool)
        table[rows, cols] = True
        r, c = np.nonzero(table)
        return r.astype(np.int64), c.astype(np.int64)
    p = _distinct(rows * n_cols + cols)
    return p // n_cols, p % n_cols


def _pair_counts(rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (row, col) pairs as ``row * n_cols + col``, ordered, and how often each occurs."""
    if n_rows * n_cols <= _DENSE_MAX:
        c = np.bincount(rows * n_cols + cols, minlength=n_rows * n_cols)
        nz = np.flatnonzero(c)
        return nz, c[nz]
    return _counted(rows * n_cols + cols)


_ListRow = namedtuple("_ListRow", [c.key for c in queries.LIST_COLUMNS])


class _Codes:
    """Strings <-> small integers (None -> -1)."""

    def __init__(self):
        self.values: list = []
        self.index: dict = {}

    def code(self, v) -> int:
        if v is None:
            return -1
        c = self.index.get(v)
        if c is None:
            c = self.index[v] = len(self.values)
            self.values.append(v)
        return c

    def get(self, v) -> int | None:
        return -1 if v is None else self.index.get(v)


class _LRU:
    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key, value):
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value


class Snapshot:
    """Columns of the latest articles, their labels, quotes and actors, and the speakers, read in one session."""

    def __init__(self, s: Session):
        t0 = time.perf_counter()
        self.backend = _backend(s)
        rows = s.execute(select(ArticleRow.pk, ArticleRow.published_date, ArticleRow.outlet, ArticleRow.language,
                                ArticleRow.n_quotes, ArticleRow.content_hash)
                         .where(ArticleRow.is_latest.is_(True)).order_by(ArticleRow.pk)).all()
        self.outlets, self.languages, hashes = _Codes(), _Codes(), _Codes()
        n = len(rows)
        self.n = n
        self.pk = np.fromiter((r[0] for r in rows), dtype=np.int64, count=n)
        self.date = np.fromiter((r[1].toordinal() if r[1] else -1 for r in rows), dtype=np.int64, count=n)
        self.outlet = np.fromiter((self.outlets.code(r[2]) for r in rows), dtype=np.int64, count=n)
        self.language = np.fromiter((self.languages.code(r[3]) for r in rows), dtype=np.int64, count=n)
        self.n_quotes = np.fromiter((r[4] or 0 for r in rows), dtype=np.int64, count=n)
        self.content = np.fromiter((hashes.code(r[5]) for r in rows), dtype=np.int64, count=n)
        del rows

        self.labels = _Codes()
        lab = s.execute(select(LabelRow.article_pk, LabelRow.level, LabelRow.label, LabelRow.score)).all()
        l_art = self._index(np.fromiter((r[0] for r in lab), dtype=np.int64, count=len(lab)))
        keep = l_art >= 0
        self.l_art = l_art[keep]
        self.l_level = np.fromiter((LEVELS.get(r[1], 2) for r in lab), dtype=np.int8, count=len(lab))[keep]
        self.l_label = np.fromiter((self.labels.code(r[2]) for r in lab), dtype=np.int64, count=len(lab))[keep]
        self.l_score = np.fromiter((r[3] for r in lab), dtype=np.float64, count=len(lab))[keep]
        del lab

        qs = s.execute(select(QuoteRow.article_pk, QuoteRow.speaker_id, QuoteRow.anonymous, QuoteRow.hedged,
                              QuoteRow.medium.is_not(None), QuoteRow.speaker.is_not(None))).all()
        nq = len(qs)
        q_art = self._index(np.fromiter((r[0] for r in qs), dtype=np.int64, count=nq))
        keep = q_art >= 0
        self.q_art = q_art[keep]
        self.q_sid = np.fromiter((r[1] if r[1] is not None else -1 for r in qs), dtype=np.int64, count=nq)[keep]
        self.q_anon = np.fromiter((bool(r[2]) for r in qs), dtype=bool, count=nq)[keep]
        self.q_hedged = np.fromiter((bool(r[3]) for r in qs), dtype=bool, count=nq)[keep]
        self.q_medium = np.fromiter((bool(r[4]) for r in qs), dtype=bool, count=nq)[keep]
        self.q_named = np.fromiter((bool(r[5]) for r in qs), dtype=bool, count=nq)[keep]
        del qs
        ents = s.execute(select(EntityRow.article_pk, EntityRow.key, EntityRow.name, EntityRow.type, EntityRow.main_role)).all()
        ne = len(ents)
        e_art = self._index(np.fromiter((r[0] for r in ents), dtype=np.int64, count=ne))
        keep = e_art >= 0
        self.e_keys, self.e_names, self.e_types, self.e_roles = _Codes(), _Codes(), _Codes(), _Codes()
        self.e_art = e_art[keep]
        self.e_key = np.fromiter((self.e_keys.code(r[1]) for r in ents), dtype=np.int64, count=ne)[keep]
        self.e_name = np.fromiter((self.e_names.code(r[2]) for r in ents), dtype=np.int64, count=ne)[keep]
        self.e_type = np.fromiter((self.e_types.code(r[3]) for r in ents), dtype=np.int64, count=ne)[keep]
        self.e_role = np.fromiter((self.e_roles.code(r[4]) for r in ents), dtype=np.int64, count=ne)[keep]
        del ents
        self.speaker_info = {r.id: r for r in s.execute(select(Speaker.id, Speaker.group_key, Speaker.name, Speaker.type,
                                                           Speaker.anonymous)).all()}
        self.group_ids: dict[str, list[int]] = defaultdict(list)  # group key -> every speaker id with it
        for r in self.speaker_info.values():
            if r.group_key:
                self.group_ids[r.group_key].append(r.id)
        self._orders: dict = {}
        # Asked before, kept while this snapshot lives (its corpus does not change): the articles matching
        # full-text words (or a speaker, an actor), search snippets, the rows an article list shows.
        self._matches, self._snippets, self._rows = _LRU(256), _LRU(16_384), _LRU(20_000)
        self._text, self._text_lock = None, threading.Lock()  # TextIndex, "loading" or "none" (see text_index)
        self.load_seconds = time.perf_counter() - t0

    def _index(self, pks: np.ndarray) -> np.ndarray:
        """Row index of each article key (-1: not a latest article)."""
        if not self.n:
            return np.full(len(pks), -1, dtype=np.int64)
        i = np.searchsorted(self.pk, pks)
        i = np.minimum(i, self.n - 1)
        return np.where(self.pk[i] == pks, i, -1)

    # -- filters -----------------------------------------------------------
    def mask(self, s: Session, f: Filters) -> np.ndarray:
        """Which latest articles ``f`` selects (what :func:`queries.conditions` does in SQL)."""
        m = np.ones(self.n, dtype=bool)
        for value, codes, col in ((f.outlet, self.outlets, self.outlet), (f.language, self.languages, self.language)):
            if value:
                c = codes.get(value)
                if c is None:
                    return np.zeros(self.n, dtype=bool)
                m &= col == c
        if f.date_from:
            m &= self.date >= f.date_from.toordinal()  # (null dates are -1: never selected by a bound)
        if f.date_to:
            m &= (self.date >= 0) & (self.date <= f.date_to.toordinal())
        if f.narrative:
            c = self.labels.get(f.narrative)
            if c is None:
                return np.zeros(self.n, dtype=bool)
            hit = np.zeros(self.n, dtype=bool)
            hit[self.l_art[(self.l_label == c) & (self.l_score >= f.min_score)]] = True
            m &= hit
        if f.q and search.words(f.q):
            key = ("q", tuple(search.words(f.q)))
            hit = self._matches.get(key)
            if hit is None:
                index = self.text_index(s)
                hit = index.match(s, f.q) if index is not None else None
                if hit is None:  # (rows of older versions are not in the snapshot)
                    hit = self._hits(s, search.matching_pks(self.backend, f.q))
                self._matches.put(key, hit)
            m &= hit
        sets = []
        if f.speaker:
            sets.append((("speaker", f.speaker), select(QuoteRow.article_pk).join(Speaker, QuoteRow.speaker_id == Speaker.id)
                        .where(Speaker.group_key == speaker_group_key(name_key(f.speaker))).distinct()))
        if f.entity:
            sets.append((("entity", f.entity), select(EntityRow.article_pk).where(EntityRow.key == name_key(f.entity)).distinct()))
        for key, stmt in sets:
            hit = self._matches.get(key)
            if hit is None:
                hit = self._matches.put(key, self._hits(s, stmt))
            m &= hit
        return m

    def text_index(self, s: Session, wait: bool = False) -> TextIndex | None:
        """The store's full-text index in memory (store/textindex.py), or None while it is being read.

        Read on the first full-text question, in a thread of its own with its own session (0.2-0.8 s at
        10,000 articles): until it is there, full-text filters go to SQL as before, so no request waits
        for it. ``wait``: read it now, in ``s`` (tests)."""
        state = self._text
        if state is not None or not self.n:
            return state if isinstance(state, TextIndex) else None
        with self._text_lock:
            if self._text is not None:
                return self._text if isinstance(self._text, TextIndex) else None
            if not wait:
                self._text = "loading"
                threading.Thread(target=self._load_text, args=(s.get_bind(),), daemon=True, name="narrascope-text-index").start()
                return None
            self._text = TextIndex.load(s, self.backend, self._index, self.n) or "none"
        return self._text if isinstance(self._text, TextIndex) else None

    def _load_text(self, bind) -> None:
        try:
            with Session(bind) as s:
                self._text = TextIndex.load(s, self.backend, self._index, self.n) or "none"
        except Exception as exc:  # noqa: BLE001 - a store whose index cannot be read this way: SQL answers, as before
            log.warning("full-text index not read into memory (%s: %s); full-text filters stay in SQL", type(exc).__name__, exc)
            self._text = "none"

    def _hits(self, s: Session, stmt) -> np.ndarray:
        pks = np.array(s.execute(stmt).scalars().all(), dtype=np.int64)  # (one fetchall: iterating fetches row by row)
        hit = np.zeros(self.n, dtype=bool)
        idx = self._index(pks)
        hit[idx[idx >= 0]] = True
        return hit

    def list_rows(self, s: Session, pks: list[int]) -> dict:
        """:func:`queries.list_rows`, remembered per article row (a row does not change while its snapshot lives:
        a new version is a new row, a correction moves the corpus stamp), so a page seen before reads nothing."""
        got = {p: r for p in pks if (r := self._rows.get(p)) is not None}
        missing = [p for p in pks if p not in got]
        if missing:
            for p, r in queries.list_rows(s, missing).items():
                # A plain tuple of plain values (the warnings as a tuple: only their number is shown), which
                # the garbage collector stops tracking: thousands kept rows add nothing to its full walks.
                got[p] = self._rows.put(p, _ListRow(*r)._replace(warnings=tuple(r.warnings or ())))
        return got

    def snippets(self, s: Session, backend: str, q: str, pks: list[int]) -> dict[int, list[dict]]:
        """:func:`search.snippets`, remembered per query words and article."""
        words = tuple(search.words(q))
        kept = {p: v for p in pks if (v := self._snippets.get((words, p))) is not None}
        missing = [p for p in pks if p not in kept]
        if missing:
            got = search.snippets(s, backend, q, missing)
            for p in missing:
                # Kept as tuples of (text, hit), which the garbage collector stops tracking (thousands of
                # lists of dicts would lengthen its full walks), and made into segments per answer.
                kept[p] = self._snippets.put((words, p), tuple((g["text"], g["hit"]) for g in got.get(p, [])))
        return {p: [{"text": t, "hit": h} for t, h in v] for p, v in kept.items()}

    def _labels(self, m: np.ndarray, level: str, min_score: float) -> np.ndarray:
        """Indexes of the label rows at ``level`` with score >= ``min_score`` on selected articles, one per
        (article, label) pair."""
        sel = np.flatnonzero(m[self.l_art] & (self.l_level == LEVELS.get(level, 3)) & (self.l_score >= min_score))
        if len(sel) < 2:
            return sel
        pair = self.l_art[sel] * (len(self.labels.values) + 1) + self.l_label[sel]
        order = np.argsort(pair, kind="stable")
        p = pair[order]
        first = order[np.concatenate(([True], p[1:] != p[:-1]))]
        return sel[np.sort(first)]

    # -- articles ------------------------------------------------------------
    def page(self, s: Session, f: Filters, limit: int, offset: int, sort: str, descending: bool) -> tuple[int, list[int]] | None:
        """(total, article keys of the page) in the order of :func:`queries.list_articles`; None where SQL must
        answer (relevance before the full-text index is read, or a query it cannot rank)."""
        if sort == "relevance":
            return self._relevance_page(s, f, limit, offset, descending)
        m = self.mask(s, f)
        order = self._order(sort, descending)
        picked = order[m[order]]
        return int(len(picked)), [int(self.pk[i]) for i in picked[offset:offset + limit]]

    def _relevance_page(self, s: Session, f: Filters, limit: int, offset: int, descending: bool) -> tuple[int, list[int]] | None:
        """Best full-text match first (BM25 from the in-memory index), then newest published, then newest row:
        the order of the SQL path (queries._select_page)."""
        index = self.text_index(s)
        if index is None:
            return None
        key = ("bm25", tuple(search.words(f.q)))
        score = self._matches.get(key)
        if score is None:
            score = index.bm25(s, f.q)
            if score is None:
                return None
            self._matches.put(key, score)
        sel = np.flatnonzero(self.mask(s, f))
        date = self.date[sel]
        best = -score[sel] if descending else score[sel]
        picked = sel[np.lexsort((-self.pk[sel], -date, date < 0, best))]
        return int(len(sel)), [int(self.pk[i]) for i in picked[offset:offset + limit]]

    def narratives_of(self, pks: list[int]) -> dict[int, list[dict]]:
        """pk -> the article's narratives (level "narrative"), best score first, as the article list shows them."""
        narr_rows, start, count = self._narrative_index
        labels, scores = self._narratives_shown
        out: dict[int, list[dict]] = {}
        for pk, i in zip(pks, self._index(np.asarray(pks, dtype=np.int64)).tolist()):
            if i >= 0:
                a = int(start[i])
                out[pk] = [{"label": labels[j], "score": scores[j]} for j in range(a, a + int(count[i]))]
        return out

    def _order(self, sort: str, descending: bool) -> np.ndarray:
        key = (sort, descending)
        if key not in self._orders:
            col = {"published": self.date, "stored": self.pk, "quotes": self.n_quotes}[sort]
            null = col < 0 if sort == "published" else np.zeros(self.n, dtype=bool)
            self._orders[key] = np.lexsort((-self.pk, -col if descending else col, null))  # nulls last, then newest row
        return self._orders[key]

    # -- aggregates ------------------------------------------------------------
    def overview(self, s: Session, f: Filters) -> dict:
        m = self.mask(s, f)
        dates = self.date[m & (self.date >= 0)]
        outlets = self.outlet[m]
        langs: dict = {}
        codes, counts = _counted(self.language[m])
        for c, k in zip(codes, counts):
            langs[self.languages.values[c] if c >= 0 else "unknown"] = int(k)
        qm = m[self.q_art]
        return {"articles": int(m.sum()), "texts": int(len(_distinct(self.content[m]))),
                "first_date": dt.date.fromordinal(int(dates.min())).isoformat() if len(dates) else None,
                "last_date": dt.date.fromordinal(int(dates.max())).isoformat() if len(dates) else None,
                "outlets": int(len(_distinct(outlets[outlets >= 0]))), "quotes": int(self.n_quotes[m].sum()),
                "anonymous_quotes": int((qm & self.q_anon).sum()), "languages": langs}

    def narrative_timeline(self, s: Session, f: Filters, period: str = "week", level: str = "narrative", top: int = 10) -> dict:
        if period not in PERIODS:
            raise NarrascopeError(E.E404, period=period)
        m = self.mask(s, f) & (self.date >= 0)
        start = {}

        def bucket(day: int) -> dt.date:
            if day not in start:
                start[day] = _period_start(dt.date.fromordinal(day), period)
            return start[day]

        totals: dict = defaultdict(int)
        days, counts = _counted(self.date[m])
        for d, n in zip(days.tolist(), counts.tolist()):
            totals[bucket(d)] += n
        sel = self._labels(m, level, f.min_score)
        n_labels = len(self.labels.values) + 1
        keys, kc = _counted(self.date[self.l_art[sel]] * n_labels + self.l_label[sel])
        series: dict = defaultdict(lambda: defaultdict(int))
        label_totals: dict = defaultdict(int)
        for key, n in zip(keys.tolist(), kc.tolist()):
            label = self.labels.values[key % n_labels]
            series[label][bucket(key // n_labels)] += n
            label_totals[label] += n
        return timeline_result(period, level, totals, series, label_totals, top)

    def narratives_by_outlet(self, s: Session, f: Filters, level: str = "narrative", top: int = 10) -> dict:
        m = self.mask(s, f)
        codes, counts = _counted(self.outlet[m])
        per_outlet = {(self.outlets.values[c] if c >= 0 else None): int(k) for c, k in zip(codes.tolist(), counts.tolist())}
        sel = self._labels(m, level, f.min_score)
        n_labels = len(self.labels.values) + 1
        keys, kc = _counted((self.outlet[self.l_art[sel]] + 1) * n_labels + self.l_label[sel])
        cell: dict = {}
        for key, n in zip(keys.tolist(), kc.tolist()):
            oc, label = key // n_labels - 1, self.labels.values[key % n_labels]
            cell[(self.outlets.values[oc] if oc >= 0 else None, label)] = n
        return by_outlet_result(level, per_outlet, cell, top)

    def narrative_counts(self, s: Session, f: Filters, level: str = "narrative") -> list[dict]:
        m = self.mask(s, f)
        every = np.flatnonzero(m[self.l_art] & (self.l_level == LEVELS.get(level, 3)) & (self.l_score >= f.min_score))
        distinct_rows = self._labels(m, level, f.min_score)
        n_codes = len(self.labels.values)
        arts = np.bincount(self.l_label[distinct_rows], minlength=n_codes)
        total = np.bincount(self.l_label[every], weights=self.l_score[every], minlength=n_codes)
        rows = np.bincount(self.l_label[every], minlength=n_codes)
        out = [{"label": self.labels.values[c], "articles": int(arts[c]), "mean_score": round(float(total[c] / rows[c]), 4)}
               for c in np.flatnonzero(rows).tolist()]
        out.sort(key=lambda r: (-r["articles"], r["label"]))
        return out

    def cooccurrence(self, s: Session, f: Filters, level: str = "narrative", top: int = 50) -> list[dict]:
        m = self.mask(s, f)
        sel = self._labels(m, level, f.min_score)
        sel = sel[np.argsort(self.l_art[sel], kind="stable")]
        art, lab = self.l_art[sel], self.l_label[sel]
        rank = self._label_rank()
        n_labels = len(self.labels.values) + 1
        keys = []
        for d in range(1, len(sel)):  # label pairs of one article sit within its run of rows
            same = art[d:] == art[:-d]
            if not same.any():
                break
            x, y = rank[lab[:-d][same]], rank[lab[d:][same]]
            keys.append(np.minimum(x, y) * n_labels + np.maximum(x, y))
        if not keys:
            return []
        pairs, counts = _counted(np.concatenate(keys))
        by_rank = self._labels_by_rank()
        rows = [(by_rank[k // n_labels], by_rank[k % n_labels], int(n)) for k, n in zip(pairs.tolist(), counts.tolist())]
        rows.sort(key=lambda r: (-r[2], r[0], r[1]))
        return [{"a": a, "b": b, "articles": n} for a, b, n in rows[:top]]

    # -- actors ------------------------------------------------------------------
    def entities(self, s: Session, f: Filters, limit: int = 50, offset: int = 0, role: str | None = None) -> tuple[int, list[dict]]:
        m = self.mask(s, f)
        esel = m[self.e_art]
        if role:
            c = self.e_roles.get(role)
            if c is None:
                return 0, []
            esel &= self.e_role == c
        rows = np.flatnonzero(esel)
        if not len(rows):
            return 0, []
        key_rank = self._rank_of("e_keys")
        big = self.n + 1
        composite = key_rank[self.e_key[rows]] * big + self.e_art[rows]
        order = np.argsort(composite)
        rows, composite = rows[order], composite[order]  # grouped by key (string order), by article within
        k = composite // big
        starts = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1])))
        first = np.concatenate(([True], composite[1:] != composite[:-1])).astype(np.int64)
        n_art = np.add.reduceat(first, starts)  # distinct articles per key
        name_rank, type_rank = self._rank_of("e_names"), self._rank_of("e_types")
        min_name = np.minimum.reduceat(name_rank[self.e_name[rows]], starts)
        types = self.e_type[rows]
        t_rank = np.where(types >= 0, type_rank[types], len(type_rank) + 1)  # min() ignores NULL
        min_type = np.minimum.reduceat(t_rank, starts)
        key_codes = self.e_key[rows][starts]
        order = np.lexsort((key_rank[key_codes], -n_art))  # most articles first, then key
        names_sorted, types_sorted = self._sorted_values("e_names"), self._sorted_values("e_types")
        out = []
        for g in order[offset:offset + limit].tolist():
            lo, hi = starts[g], starts[g + 1] if g + 1 < len(starts) else len(rows)
            roles, counts = _counted(self.e_role[rows[lo:hi]])
            out.append({"key": self.e_keys.values[key_codes[g]], "name": names_sorted[min_name[g]],
                        "type": types_sorted[min_type[g]] if min_type[g] < len(types_sorted) else None,
                        "articles": int(n_art[g]),
                        "roles": {(self.e_roles.values[r] if r >= 0 else "none"): int(n) for r, n in zip(roles.tolist(), counts.tolist())}})
        return int(len(starts)), out

    def _sorted_values(self, codes: str) -> list:
        key = "_sorted_" + codes
        if not hasattr(self, key):
            setattr(self, key, sorted(getattr(self, codes).values))
        return getattr(self, key)

    def _rank_of(self, codes: str) -> np.ndarray:
        key = "_rank_" + codes
        if not hasattr(self, key):
            setattr(self, key, _ranks(getattr(self, codes).values))
        return getattr(self, key)

    def _label_rank(self) -> np.ndarray:
        """Label code -> its position in string order (the order of SQL's ``a.label < b.label``)."""
        return self._rank_of("labels")

    def _labels_by_rank(self) -> list[str]:
        return self._sorted_values("labels")

    def sourcing_by_outlet(self, s: Session, f: Filters) -> list[dict]:
        m = self.mask(s, f)
        qsel = m[self.q_art]
        oc = self.outlet[self.q_art[qsel]] + 1
        size = len(self.outlets.values) + 1
        count = lambda flags=None: np.bincount(oc, weights=None if flags is None else flags[qsel].astype(np.float64),  # noqa: E731
                                               minlength=size)
        n, anon = count(), count(self.q_anon)
        named, unatt = count(~self.q_anon & self.q_named), count(~self.q_anon & ~self.q_named)
        hedged, med = count(self.q_hedged), count(self.q_medium)
        out = []
        for c in np.flatnonzero(n).tolist():
            k = int(n[c])
            out.append({"outlet": self.outlets.values[c - 1] if c > 0 else None, "quotes": k, "named": int(named[c]),
                        "anonymous": int(anon[c]), "unattributed": int(unatt[c]), "hedged": int(hedged[c]),
                        "via_medium": int(med[c]), "anonymous_share": round(int(anon[c]) / k, 4)})
        out.sort(key=lambda r: (-r["quotes"], r["outlet"] or ""))
        return out

    # -- speakers ----------------------------------------------------------------
    def speakers(self, s: Session, f: Filters, limit: int = 50, offset: int = 0,
                 anonymous: bool | None = None) -> tuple[int, list[dict]]:
        m = self.mask(s, f)
        qsel = m[self.q_art] & (self.q_sid >= 0)
        if anonymous is not None:
            anon = self._speaker_anonymous
            qsel &= anon[np.maximum(self.q_sid, 0)] == anonymous
        sid, art = self.q_sid[qsel], self.q_art[qsel]
        if not len(sid):
            return 0, []
        # Per spelling group (speakers.group_key, else the name), in numpy: a request touches only the page's
        # groups in Python, not every speaker of the corpus.
        keys, gid = self._speaker_groups
        qg = gid[sid]
        nq_g = np.bincount(qg, minlength=len(keys))
        present = np.flatnonzero(nq_g)
        order = present[np.lexsort((present, -nq_g[present]))]  # most quoted first; ties: the key (groups are in key order)
        page_g = order[offset:offset + limit]
        slot = np.full(len(keys), -1, dtype=np.int64)
        slot[page_g] = np.arange(len(page_g))
        qs = slot[qg]
        inpage = qs >= 0
        p_slot, p_sid, p_art = qs[inpage], sid[inpage], art[inpage]
        big_s = int(max(self.speaker_info, default=0)) + 1
        member_keys, member_n = _pair_counts(p_slot, p_sid, len(page_g), big_s)
        arts_per = np.bincount(_distinct_pairs(p_slot, p_art, len(page_g), int(self.n) + 1)[0], minlength=len(page_g))
        p_out = self.outlet[p_art]
        has = p_out >= 0
        outs_per = np.bincount(_distinct_pairs(p_slot[has], p_out[has], len(page_g), len(self.outlets.values) + 1)[0],
                               minlength=len(page_g))
        members: list[list[tuple[int, int]]] = [[] for _ in page_g]
        for key, n in zip(member_keys.tolist(), member_n.tolist()):
            members[key // big_s].append((key % big_s, n))
        info = self.speaker_info
        out = []
        for j, ms in enumerate(members):
            ms.sort(key=lambda m: (-m[1], info[m[0]].name))
            first = info[ms[0][0]]
            out.append({"name": first.name, "type": min((info[i].type for i, _ in ms if info[i].type), default=None),
                        "anonymous": first.anonymous, "quotes": int(nq_g[page_g[j]]), "articles": int(arts_per[j]),
                        "outlets": int(outs_per[j]), "variants": [{"name": info[i].name, "quotes": n} for i, n in ms],
                        "narratives": []})
        page = [keys[g] for g in page_g.tolist()]
        for item, narr in zip(out, self._group_narratives(m, page)):
            item["narratives"] = narr[:5]
        return len(order), out

    # Derived tables, built on first use and kept (a snapshot never changes; ``cached_property`` publishes the whole
    # value at once, so a concurrent reader sees all of it or builds its own).
    @functools.cached_property
    def _speaker_anonymous(self) -> np.ndarray:
        """Speaker id -> is it an anonymous source."""
        anon = np.zeros(max(self.speaker_info, default=0) + 1, dtype=bool)
        for i, r in self.speaker_info.items():
            anon[i] = bool(r.anonymous)
        return anon

    @functools.cached_property
    def _speaker_groups(self) -> tuple[list[str], np.ndarray]:
        """The speakers' spelling-group keys in string order, and speaker id -> position of its key."""
        keys = sorted({r.group_key or r.name for r in self.speaker_info.values()})
        pos = {k: g for g, k in enumerate(keys)}
        gid = np.full(max(self.speaker_info, default=0) + 1, -1, dtype=np.int64)
        for i, r in self.speaker_info.items():
            gid[i] = pos[r.group_key or r.name]
        return keys, gid

    def _group_narratives(self, m: np.ndarray, keys: list[str]) -> list[list[dict]]:
        """Per speaker group key: the narratives (any score) of the selected articles quoting any spelling of
        the name (whatever ``anonymous`` asked), as distinct articles per label, most first (ties: label)."""
        if not keys:
            return []
        gid = np.full(max(self.speaker_info, default=0) + 2, -1, dtype=np.int64)  # speaker id -> position in keys
        for g, key in enumerate(keys):
            gid[self.group_ids.get(key, [])] = g
        qsel = m[self.q_art] & (self.q_sid >= 0)
        qg = gid[np.where(qsel, self.q_sid, -1)]
        qsel &= qg >= 0
        g_of, art_of = _distinct_pairs(qg[qsel], self.q_art[qsel], len(keys), self.n + 1)  # (group, article), once each
        if not len(g_of):
            return [[] for _ in keys]
        # Articles x narrative labels (each label once per article): the groups' label counts are sums of rows.
        table, codes = self._article_narratives
        starts = np.flatnonzero(np.concatenate(([True], g_of[1:] != g_of[:-1])))
        per_group = np.add.reduceat(table[art_of].astype(np.int64), starts, axis=0)
        out: list[list] = [[] for _ in keys]
        for g, counts in zip(g_of[starts].tolist(), per_group):
            out[g] = [(self.labels.values[codes[j]], int(counts[j])) for j in np.flatnonzero(counts).tolist()]
        return [[{"label": lab, "articles": n} for lab, n in sorted(rows, key=lambda r: (-r[1], r[0]))] for rows in out]

    @functools.cached_property
    def _article_narratives(self) -> tuple[np.ndarray, np.ndarray]:
        """Article x narrative-level label (bool; one column per label code used at that level), and the codes."""
        rows = np.flatnonzero(self.l_level == 0)
        codes, col = np.unique(self.l_label[rows], return_inverse=True)
        table = np.zeros((self.n + 1, len(codes)), dtype=bool)
        table[self.l_art[rows], col] = True
        return table, codes

    @functools.cached_property
    def _narrative_index(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Narrative-level label rows ordered by article, best score first within it (ties: stored order), with
        each article's first position and count."""
        rows = np.flatnonzero(self.l_level == 0)
        rows = rows[np.lexsort((-self.l_score[rows], self.l_art[rows]))]  # (stable: ties keep stored order)
        count = np.bincount(self.l_art[rows], minlength=self.n)
        start = np.concatenate(([0], np.cumsum(count)[:-1])) if self.n else count
        return rows, start, count

    @functools.cached_property
    def _narratives_shown(self) -> tuple[list[str], list[float]]:
        """Each narrative row's label and rounded score as the article list shows them, in ``_narrative_index`` order."""
        rows = self._narrative_index[0]
        return [self.labels.values[c] for c in self.l_label[rows].tolist()], [round(v, 4) for v in self.l_score[rows].tolist()]
