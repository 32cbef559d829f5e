"""Full-text search with a real index, and speaker names folded across spellings.

- SQLite: the FTS5 table ``articles_fts`` (migration 0003; porter stemming, diacritics folded; prefix
  indexes of 2 to 8 characters since 0005); every word of the query must occur (as a word or a word
  prefix; a one-character word as a word); ranked by BM25 with the title weighted 10x.
- PostgreSQL: the ``search_tsv`` column (title weight A, text B) built with the text search
  configuration of each article's language (``search_config``; ``simple`` where PostgreSQL has none),
  GIN-indexed; the query is parsed with each configuration and OR-ed, so an English article is matched
  by the English stems of the words and a Bulgarian one by its plain words; ranked by ``ts_rank``.
- Snippets: a piece of the text around the matches, returned as segments ``{"text", "hit"}`` so the
  dashboard can highlight them without building markup from article text.

``speaker_group_key`` folds transliteration variants (Zelensky / Zelenskyy / Zelenskiy / Зеленский,
Shoigu / Shoygu, Yermak / Ermak): the store merges speakers with the same key and shows the variants.
"""
from __future__ import annotations

import json
import re
import unicodedata

from sqlalchemy import bindparam, func, literal_column, select, text

from .models import ArticleRow

# Languages whose PostgreSQL text search configuration is used (the ones the corpus is mostly in); other
# languages (BG, UK, HI, ...) are indexed with "simple" (no stemming). A query is parsed with each of these
# and OR-ed, so keep the list short: every entry adds a tsquery to every search. Migration 0003 holds a
# copy (a migration must not change when this list does); a change here needs a migration re-indexing.
PG_CONFIGS = {"en": "english", "ru": "russian", "pt": "portuguese", "de": "german", "fr": "french", "es": "spanish",
              "it": "italian"}
QUERY_CONFIGS = sorted(set(PG_CONFIGS.values()) | {"simple"})
START, STOP = "\x02", "\x03"  # snippet highlight marks (never in stored text: control characters)
MAX_WORDS = 10


def words(q: str | None) -> list[str]:
    """The query's words (letters and digits; punctuation and FTS operators dropped), at most ten."""
    return re.findall(r"\w+", (q or "").lower())[:MAX_WORDS]


def fts5_query(q: str) -> str:
    """Every word as a prefix term (``"sanct"*``), except one-character words, which must occur as words:
    ``"s"*`` matches nearly every document and costs tens of milliseconds (``ministry's`` is the words
    ``ministry`` and ``s``), and the prefix index of migration 0005 starts at two characters."""
    return " AND ".join(f'"{w}"' if len(w) < 2 else f'"{w}"*' for w in words(q))


def pg_query_text(q: str) -> str:
    """``to_tsquery`` text: every word a prefix term (``sanct:*``), as on SQLite, so both backends find the
    same articles for a word cut short; one-character words whole. ``words`` keeps letters, digits and
    ``_`` only, so no tsquery operator reaches the parser."""
    return " & ".join(w if len(w) < 2 else f"{w}:*" for w in words(q))


def _pg_tsquery(q: str):
    """The query parsed with every text search configuration, OR-ed (constants only: the GIN index applies)."""
    p = bindparam("tsq", pg_query_text(q), unique=True)
    expr = None
    for cfg in QUERY_CONFIGS:  # our own constant names, never user input
        e = func.to_tsquery(literal_column(f"'{cfg}'"), p)
        expr = e if expr is None else expr.op("||")(e)
    return expr


def condition(backend: str, q: str):
    """A WHERE clause on ArticleRow: every word of ``q`` is in the article (None when ``q`` has no words)."""
    if not words(q):
        return None
    if backend == "sqlite":
        match = select(literal_column("rowid")).select_from(text("articles_fts")).where(
            text("articles_fts MATCH :fts").bindparams(bindparam("fts", fts5_query(q), unique=True)))
        return ArticleRow.pk.in_(match.scalar_subquery())
    return literal_column("articles.search_tsv").op("@@")(_pg_tsquery(q))


def matching_pks(backend: str, q: str):
    """SELECT of the article row keys (any version) whose title or text has every word of ``q``: the index alone."""
    if backend == "sqlite":
        return (select(literal_column("rowid")).select_from(text("articles_fts"))
                .where(text("articles_fts MATCH :fts").bindparams(bindparam("fts", fts5_query(q), unique=True))))
    return select(ArticleRow.pk).where(literal_column("articles.search_tsv").op("@@")(_pg_tsquery(q)))


def rank_subquery(backend: str, q: str):
    """(pk, rank) of the matching articles; lower rank = better on both backends."""
    if backend == "sqlite":
        return (select(literal_column("rowid").label("pk"), literal_column("bm25(articles_fts, 10.0, 1.0)").label("rank"))
                .select_from(text("articles_fts"))
                .where(text("articles_fts MATCH :fts").bindparams(bindparam("fts", fts5_query(q), unique=True)))
                .subquery("fts_rank"))
    tsq = _pg_tsquery(q)
    tsv = literal_column("articles.search_tsv")
    return (select(ArticleRow.pk.label("pk"), (-func.ts_rank(tsv, tsq)).label("rank")).where(tsv.op("@@")(tsq))
            .subquery("fts_rank"))


def snippets(s, backend: str, q: str, pks: list[int], size: int = 24) -> dict[int, list[dict]]:
    """pk -> snippet segments around the matches of ``q`` for the given article rows."""
    if not pks or not words(q):
        return {}
    if backend == "sqlite":
        # One pass over the query's matches, the page's keys a plain filter (``+rowid``: not handed to FTS5).
        # Handed to it (``rowid =`` per key, or ``rowid IN``), FTS5 evaluates the query once per key, and a
        # prefix longer than the prefix indexes (8 characters: "statement"*) merges every term's list each
        # time: 20 ms for a page where the single pass takes 0.4 ms (walking thousands of matches is cheap).
        rows = s.execute(text(f"SELECT rowid, snippet(articles_fts, -1, char(2), char(3), '…', {int(size)}) "
                              "FROM articles_fts WHERE articles_fts MATCH :fts AND +rowid IN (SELECT value FROM json_each(:pks))"),
                         {"fts": fts5_query(q), "pks": json.dumps([int(p) for p in pks])}).all()
    else:
        opts = f"StartSel={START}, StopSel={STOP}, MaxWords={int(size) + 10}, MinWords={max(int(size) // 2, 5)}, MaxFragments=2, FragmentDelimiter=' … '"
        rows = s.execute(text("SELECT pk, ts_headline(search_config::regconfig, text, plainto_tsquery(search_config::regconfig, :q), :opts) "
                              "FROM articles WHERE pk IN (" + ",".join(str(int(p)) for p in pks) + ")"),
                         {"q": " ".join(words(q)), "opts": opts}).all()
    return {int(pk): segments(snip or "") for pk, snip in rows}


def segments(snippet: str) -> list[dict]:
    """``a \\x02b\\x03 c`` -> [{"text": "a ", "hit": False}, {"text": "b", "hit": True}, {"text": " c", "hit": False}]."""
    out: list[dict] = []
    hit = False
    for part in re.split(f"([{START}{STOP}])", snippet):
        if part == START:
            hit = True
        elif part == STOP:
            hit = False
        elif part:
            out.append({"text": part, "hit": hit})
    return out


# -- speaker names -------------------------------------------------------------
_CYRILLIC = dict(zip("абвгдезийклмнопрстуфхцыэюяіїєґё",
                     ["a", "b", "v", "g", "d", "e", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
                      "kh", "ts", "y", "e", "yu", "ya", "i", "yi", "ye", "g", "e"]))
_CYRILLIC.update({"ж": "zh", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": ""})


def speaker_group_key(key: str) -> str:
    """A name folded across transliterations and spellings: accents and Cyrillic to Latin, -iy/-yy/-ii/-ij
    endings to -y, 'oy' to 'oi', a leading 'ye' to 'e', 'kh' to 'h', doubled letters single."""
    s = unicodedata.normalize("NFKD", (key or "").lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = "".join(_CYRILLIC.get(ch, ch) for ch in s)
    out = []
    for t in re.findall(r"[a-z0-9]+", s):
        t = re.sub(r"(iy|yy|ii|ij|yj|yi)$", "y", t)
        t = re.sub(r"^ye", "e", t)
        t = t.replace("oy", "oi").replace("kh", "h")
        t = re.sub(r"(.)\1+", r"\1", t)
        out.append(t)
    return " ".join(out)[:400] or (key or "")[:400]
