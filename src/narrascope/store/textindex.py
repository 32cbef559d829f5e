"""The store's own full-text index, in memory: which latest articles hold which index terms.

At 10,000 articles a full-text filter in SQL costs milliseconds per new query (SQLite hands back
thousands of matching keys one row each; PostgreSQL rechecks a tsquery OR-ed over eight text search
configurations for every candidate row, ~9 ms of a core it shares with the API). This keeps the index's
terms sorted with, per term, the snapshot rows (latest articles) that contain it, so a query word is
one binary search and one contiguous slice, and a query a few numpy operations.

Nothing is re-implemented: both halves come from the database itself, so the answers are the index's.
- Terms and their articles: SQLite's ``fts5vocab`` over ``articles_fts`` (the terms as stored, after
  porter stemming and diacritics folding); PostgreSQL's ``unnest(search_tsv)`` (each article's lexemes,
  made with its own language's configuration).
- A query word's terms: SQLite tokenizes it with the table's own tokenizer (a one-row FTS5 table in
  memory with the same ``tokenize=`` argument; the porter tokenizer stems query and document tokens
  alike, so ``"sanctions"*`` means the terms that start with ``sanction``); PostgreSQL parses it with
  ``to_tsquery`` for every configuration of :data:`search.QUERY_CONFIGS` in one round trip.
- The semantics of :func:`search.fts5_query` / :func:`search.pg_query_text`: every word must match;
  a word of two or more characters as a prefix, a one-character word whole; on PostgreSQL the AND of
  the words per configuration, OR-ed over the configurations (a configuration that drops a word as a
  stop word drops it from its AND; one that drops them all matches nothing).
Whatever the index would treat differently is left to SQL (``match`` returns None): a word the
tokenizer splits in two (``a_b`` is a phrase), a word with no token, a tsquery with anything but
``&`` and prefix terms.

Relevance (:meth:`TextIndex.bm25`) is FTS5's own ``bm25(articles_fts, 10.0, 1.0)`` (k1 1.2, b 0.75, the
title's occurrences weighted 10, a word's prefix terms one phrase), computed from the same term counts
over the latest articles (FTS5 also counts older versions in N, document frequency and mean length; with
no corrections stored the two agree to the last bit). On PostgreSQL the same formula replaces
``ts_rank``, from each lexeme's positions (weight A: title), so both backends rank alike; ranking in SQL
scored every match and sorted it per request (105 ms p99 on SQLite, 403 ms on PostgreSQL at 10,000
articles, bench/api_load.py), this is a few numpy operations.
"""
from __future__ import annotations

import bisect
import math
import re
import sqlite3
import threading

import numpy as np
from sqlalchemy import text
from sqlalchemy.orm import Session

from . import search


class TextIndex:
    """Sorted index terms; ``rows[starts[i]:starts[i + 1]]`` are the snapshot rows holding ``terms[i]``."""

    K1, B, TITLE_WEIGHT = 1.2, 0.75, 10.0  # FTS5's bm25 constants; the title weight of search.rank_subquery

    def __init__(self, backend: str, n: int, terms: list[str], starts: np.ndarray, rows: np.ndarray, tokenize: str | None = None,
                 weighted_tf: np.ndarray | None = None, doc_len: np.ndarray | None = None):
        self.backend, self.n, self.terms, self.starts, self.rows = backend, n, terms, starts, rows
        # Per entry of ``rows``: the term's occurrences in that article, the title's weighted (None: no ranking);
        # per snapshot row: its number of tokens (both columns, unweighted, as FTS5 counts a row's size).
        self.weighted_tf, self.doc_len = weighted_tf, doc_len
        if doc_len is not None:  # BM25's length normalisation, the same for every query of this snapshot
            avgdl = max(float(doc_len.sum()) / max(n, 1), 1e-9)
            self._norm = self.K1 * (1 - self.B + self.B * doc_len / avgdl)
        self._tokenize = tokenize  # SQLite: the FTS5 table's tokenize= argument
        self._words: dict = {}  # query word -> its terms (SQLite: a str or None; PostgreSQL: per configuration)
        self._tok_lock = threading.Lock()
        self._tok: sqlite3.Connection | None = None

    # -- loading -----------------------------------------------------------
    @classmethod
    def load(cls, s: Session, backend: str, index_of, n: int) -> "TextIndex | None":
        """Read the index of the store behind ``s``; ``index_of``: article keys -> snapshot rows (-1: not latest).
        None when the store has no full-text index this can read (SQL answers then)."""
        if backend == "sqlite":
            row = s.execute(text("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'")).scalar()
            m = re.search(r"tokenize\s*=\s*'([^']*)'", row or "")
            if m is None:
                return None
            # A temp table of this connection (the store's file is not written). One string per term: an entry
            # per occurrence, article key * 2 + 1 for the title, so counting repeats gives each column's count.
            s.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.narrascope_fts_terms "
                           "USING fts5vocab(main, articles_fts, instance)"))
            got = s.execute(text("SELECT term, count(*), group_concat(doc * 2 + (col = 'title')) "
                                 "FROM temp.narrascope_fts_terms GROUP BY term")).all()
            tokenize = m.group(1)
        else:
            # Per article and lexeme: key, occurrences in the title (weight A), occurrences elsewhere.
            got = s.execute(text("SELECT u.lexeme, count(*), string_agg(a.pk::text || ',' || "
                                 "coalesce(cardinality(array_positions(u.weights, 'A')), 0) || ',' || "
                                 "(coalesce(cardinality(u.positions), 1) - coalesce(cardinality(array_positions(u.weights, 'A')), 0)), ',') "
                                 "FROM articles a, unnest(a.search_tsv) AS u WHERE a.is_latest GROUP BY u.lexeme")).all()
            tokenize = None
        got.sort(key=lambda r: r[0])  # code point order = UTF-8 byte order: prefix ranges are contiguous
        terms = [r[0] for r in got]
        counts = np.fromiter((r[1] for r in got), dtype=np.int64, count=len(got))
        flat = np.fromstring(",".join(r[2] for r in got), dtype=np.int64, sep=",") if got else np.zeros(0, dtype=np.int64)
        del got
        term_of = np.repeat(np.arange(len(terms)), counts)
        if backend == "sqlite":  # one entry per occurrence -> one per (term, article) with both columns' counts
            pks, in_title = flat >> 1, (flat & 1).astype(bool)
            key = term_of * (int(pks.max(initial=0)) + 1) + pks
            if len(key) > 1 and np.any(key[1:] < key[:-1]):  # (fts5vocab gives term, then article order)
                order = np.argsort(key, kind="stable")
                key, pks, in_title, term_of = key[order], pks[order], in_title[order], term_of[order]
            new_entry = np.concatenate(([True], key[1:] != key[:-1]))[:len(key)]
            first, entry = np.flatnonzero(new_entry), np.cumsum(new_entry) - 1
            n_title = np.bincount(entry, weights=in_title, minlength=len(first))
            n_all = np.bincount(entry, minlength=len(first)).astype(np.float64)
            pks, term_of = pks[first], term_of[first]
        else:
            triples = flat.reshape(-1, 3)
            pks, n_title = triples[:, 0], triples[:, 1].astype(np.float64)
            n_all = n_title + triples[:, 2]
        rows = index_of(pks)
        keep = rows >= 0  # older versions: not in the snapshot
        doc_len = np.bincount(rows[keep], weights=n_all[keep], minlength=n)
        weighted = (cls.TITLE_WEIGHT * n_title + (n_all - n_title))[keep]
        starts = np.concatenate(([0], np.cumsum(np.bincount(term_of[keep], minlength=len(terms))))).astype(np.int64)
        return cls(backend, n, terms, starts, rows[keep].astype(np.int64), tokenize, weighted, doc_len)

    # -- terms -------------------------------------------------------------
    def _forget(self) -> None:
        if len(self._words) > 50_000:  # bounded memory for a long-lived snapshot asked many different words
            self._words = {}

    def _term_range(self, term: str, prefix: bool) -> tuple[int, int]:
        """[lo, hi) of the terms equal to ``term`` (or, ``prefix``, starting with it)."""
        lo = bisect.bisect_left(self.terms, term)
        if prefix:
            hi = bisect.bisect_left(self.terms, term[:-1] + chr(ord(term[-1]) + 1), lo) if ord(term[-1]) < 0x10FFFF else len(self.terms)
        else:
            hi = lo + 1 if lo < len(self.terms) and self.terms[lo] == term else lo
        return lo, hi

    def _term_rows(self, term: str, prefix: bool) -> np.ndarray:
        """Mask of the rows holding ``term`` (or, ``prefix``, any term starting with it)."""
        lo, hi = self._term_range(term, prefix)
        m = np.zeros(self.n, dtype=bool)
        m[self.rows[self.starts[lo]:self.starts[hi]]] = True
        return m

    def _sqlite_terms(self, words: list[str]) -> list | None:
        """Each word's one token by the table's own tokenizer (None: a word with none or several)."""
        self._forget()
        known = self._words  # (this dict: another thread's _forget only replaces the attribute)
        missing = [w for w in words if w not in known]
        if missing:
            with self._tok_lock:
                if self._tok is None:
                    con = sqlite3.connect(":memory:", check_same_thread=False)
                    con.execute(f"CREATE VIRTUAL TABLE tok USING fts5(x, tokenize='{self._tokenize}')")
                    con.execute("CREATE VIRTUAL TABLE tok_terms USING fts5vocab(tok, instance)")
                    self._tok = con
                for w in missing:
                    self._tok.execute("INSERT INTO tok(rowid, x) VALUES (1, ?)", (w,))
                    got = [t for (t,) in self._tok.execute("SELECT term FROM tok_terms ORDER BY offset")]
                    self._tok.execute("DELETE FROM tok")
                    known[w] = got[0] if len(got) == 1 else None
        out = [known[w] for w in words]
        return None if any(t is None for t in out) else out

    _TSQ_TERM = re.compile(r"'((?:[^']|'')*)'(:\*)?")

    def _pg_terms(self, s: Session, words: list[str]) -> list | None:
        """Per word, per configuration: [(lexeme, prefix), ...] (empty: a stop word there); None: not a plain AND."""
        self._forget()
        known = self._words
        missing = [w for w in words if w not in known]
        if missing:
            cfgs = search.QUERY_CONFIGS
            cols = ", ".join(f"to_tsquery('{cfg}', :w{i})::text" for i in range(len(missing)) for cfg in cfgs)  # our own names
            row = s.execute(text("SELECT " + cols), {f"w{i}": (w if len(w) < 2 else f"{w}:*") for i, w in enumerate(missing)}).one()
            for i, w in enumerate(missing):
                per_cfg = []
                for tsq in row[i * len(cfgs):(i + 1) * len(cfgs)]:
                    terms = [(m.group(1).replace("''", "'"), bool(m.group(2))) for m in self._TSQ_TERM.finditer(tsq)]
                    rest = self._TSQ_TERM.sub("", tsq).replace("&", "").strip()
                    per_cfg.append(None if rest else terms)  # anything else (<->, |, !): SQL decides
                known[w] = None if any(t is None for t in per_cfg) else per_cfg
        out = [known[w] for w in words]
        return None if any(t is None for t in out) else out

    # -- queries -----------------------------------------------------------
    def match(self, s: Session, q: str) -> np.ndarray | None:
        """Mask of the snapshot rows whose title or text has every word of ``q`` (what the index's MATCH / @@
        selects); None when SQL must decide."""
        ws = search.words(q)
        if not ws:
            return None
        if self.backend == "sqlite":
            terms = self._sqlite_terms(ws)
            if terms is None:
                return None
            m = np.ones(self.n, dtype=bool)
            for w, t in zip(ws, terms):
                m &= self._term_rows(t, prefix=len(w) >= 2)
            return m
        per_word = self._pg_terms(s, ws)
        if per_word is None:
            return None
        m = np.zeros(self.n, dtype=bool)
        for c in range(len(search.QUERY_CONFIGS)):
            terms = [t for word in per_word for t in word[c]]
            if not terms:  # every word a stop word here: this configuration's query is empty, it matches nothing
                continue
            cm = np.ones(self.n, dtype=bool)
            for lexeme, prefix in terms:
                cm &= self._term_rows(lexeme, prefix)
            m |= cm
        return m

    def bm25(self, s: Session, q: str) -> np.ndarray | None:
        """Per snapshot row, FTS5's bm25 score of ``q`` (higher = better; 0 where no word occurs), each word one
        phrase (its prefix terms together; on PostgreSQL the lexemes of every configuration, each once).
        None when this index cannot rank (SQL decides then)."""
        ws = search.words(q)
        if not ws or self.weighted_tf is None:
            return None
        if self.backend == "sqlite":
            terms = self._sqlite_terms(ws)
            if terms is None:
                return None
            phrases = [[self._term_range(t, prefix=len(w) >= 2)] for w, t in zip(ws, terms)]
        else:
            per_word = self._pg_terms(s, ws)
            if per_word is None:
                return None
            phrases = [[self._term_range(lex, prefix) for cfg in word for lex, prefix in cfg] for word in per_word]
        n_rows, norm = max(self.n, 1), self._norm
        score = np.zeros(self.n)
        for ranges in phrases:
            ids = np.unique(np.concatenate([np.arange(lo, hi) for lo, hi in ranges])) if ranges else np.zeros(0, dtype=np.int64)
            if not len(ids):  # a stop word everywhere (PostgreSQL): it adds nothing
                continue
            lengths = self.starts[ids + 1] - self.starts[ids]
            total = int(lengths.sum())
            if not total:
                continue
            # The entries of every term of the phrase: each term's slice of ``rows``, laid end to end.
            entry = np.repeat(self.starts[ids] - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths) + np.arange(total)
            freq = np.bincount(self.rows[entry], weights=self.weighted_tf[entry], minlength=self.n)
            n_hit = int(np.count_nonzero(freq))
            idf = math.log((n_rows - n_hit + 0.5) / (n_hit + 0.5))
            if idf <= 0.0:
                idf = 1e-6  # FTS5's floor: a word in more than half the rows still counts, a little
            score += idf * (freq * (self.K1 + 1.0)) / (freq + norm)
        return score
