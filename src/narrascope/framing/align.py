"""Map SemEval subtask-1 spans (over the raw file) onto the pipeline's article (title + cleaned text).

Subtask-1 offsets count UTF-16 units over the raw file (BOM and ``\\r\\n`` kept). The pipeline reads the
same file through ingest (title line split off, universal newlines) and clean (boilerplate lines dropped),
so a mention is found in ``article.title`` or ``article.text`` at a shifted place. The expected place is
computed (title split, newline policy, the lengths ``clean`` removed before it) and the mention string is
looked up nearest to it, so small whitespace changes by the cleaner do not matter.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..formats.semeval import raw_to_text_offset

if TYPE_CHECKING:  # pragma: no cover
    from ..doc import Article


def _nearest(hay: str, needle: str, pos: int, radius: int = 400) -> int:
    if not needle:
        return -1
    best, best_d = -1, None
    lo = max(0, pos - radius - len(needle))
    i = hay.find(needle, lo)
    while i != -1 and i <= pos + radius:
        d = abs(i - pos)
        if best_d is None or d < best_d:
            best, best_d = i, d
        i = hay.find(needle, i + 1)
    return best


def map_raw_span(article: "Article", raw: str, start: int, end: int) -> tuple[str, int, int] | None:
    """(where, start, end) with ``where`` "text" (offsets into ``article.text``) or "title" (into
    ``article.title``); None when the mention lies in a part the cleaner dropped. ``start``/``end``:
    Python indices into ``raw`` (end exclusive)."""
    mention = raw[start:end]
    flat = re.sub(r"\s+", " ", mention).strip()
    body = int(article.meta.get("body_offset", 0) or 0)
    if start < body:
        title = article.title or ""
        guess = len(" ".join(raw[:start].split()))  # the title is the first line, whitespace collapsed
        i = _nearest(title, flat, guess)
        if i == -1:
            i = _nearest(title, flat, 0, radius=len(title))
        return ("title", i, i + len(flat)) if i != -1 else None
    pre = raw_to_text_offset(raw[body:], start - body)  # position in the body before cleaning
    shift = 0
    for r in sorted(article.removed, key=lambda r: r.start):
        if r.end <= pre:
            shift += r.end - r.start
        elif r.start <= pre < r.end:
            return None  # inside a dropped line
    guess = pre - shift
    text = article.text
    for needle in (mention, flat):
        i = _nearest(text, needle, guess)
        if i != -1:
            return "text", i, i + len(needle)
    return None


def map_rows(article: "Article", raw: str, rows: list) -> tuple[list[tuple[int, int]], list[str], list[int], list[tuple[int, int, int]]]:
    """SemEval mention rows of one article mapped into the pipeline's text, as training and ``predict roles``
    both need: (spans, where, kept, lost) — the mapped (start, end) and their part ("text"/"title"), the
    positions in ``rows`` that mapped, and (position, raw start, raw end) of those in lines the cleaner
    dropped. ``locate``'s InputError (a mention string that does not match the file) is left to the caller,
    with ``exc.row_position`` set."""
    from ..formats.semeval import UTF16Index, locate

    index = UTF16Index(raw)
    spans: list[tuple[int, int]] = []
    where: list[str] = []
    kept: list[int] = []
    lost: list[tuple[int, int, int]] = []
    for k, row in enumerate(rows):
        try:
            s, e = locate(raw, row, index)
        except Exception as exc:
            exc.row_position = k
            raise
        m = map_raw_span(article, raw, s, e)
        if m is None:
            lost.append((k, s, e))
            continue
        where.append(m[0])
        spans.append((m[1], m[2]))
        kept.append(k)
    return spans, where, kept, lost
