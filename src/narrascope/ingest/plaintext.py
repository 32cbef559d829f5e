"""Plain-text articles: ``title\\n\\nbody`` or body only, told apart by shape.

A first line is a title when it is short, does not end like a sentence, and a
longer body follows it (after a blank line, or — as in many scraped Russian and
Hindi files — directly on the next line when that line is clearly a longer
paragraph). A first paragraph that is a full or long sentence is body.

The article text is ``raw[body_start:body_end]`` with line endings normalised
to ``\\n``; ``meta["body_offset"]`` keeps ``body_start`` so offsets in the raw
file (SemEval annotations count ``\\r\\n`` and the BOM) can be mapped back.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..doc import Article
from .decode import normalise_newlines

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_MAX_TITLE_WORDS = 30
_MAX_TITLE_CHARS = 250
# Endings that make a line a sentence or a lead-in, not a headline.
_SENTENCE_END = (".", "。", "।", ":", ";", ",")
_ELLIPSIS = ("...", "…")
# Lines that sit first in body-only files but are not titles.
_NOT_TITLE = re.compile(
    r"^(?:by|photo|фото|source|джерело|источник)\b[\s:]"
    r"|^\d{1,2}[:.]\d{2}$"  # a bare time
    r"|^[\d\s./-]+$",  # a bare date or number
    re.IGNORECASE,
)


def _lines(text: str, start: int) -> list[tuple[int, int, int]]:
    """(start, content_end, next_start) of each line from ``start``."""
    out = []
    pos = start
    n = len(text)
    while pos < n:
        m = _LINE.match(text, pos)
        content = m.group(0).rstrip("\r\n")
        out.append((pos, pos + len(content), m.end()))
        if m.end() == pos:  # pragma: no cover - the pattern always advances before the end
            break
        pos = m.end()
    return out


def looks_like_title(first: str, following: str, blank_after: bool, *, semeval: bool = False) -> bool:
    """Decide by shape whether ``first`` is a headline over the body ``following``.

    ``following`` is the rest of the text after the first line, ``blank_after``
    whether a blank line separates them. ``semeval``: the file comes from a
    SemEval folder, whose convention is title line + blank line, so a headline
    ending in a period is still a title there.
    """
    first = first.strip()
    rest = following.strip()
    if not first or not rest:
        return False
    words = first.split()
    if len(words) > 2 * _MAX_TITLE_WORDS or _NOT_TITLE.search(first):
        return False
    if semeval and blank_after and not first.endswith((":", ",", ";")):
        return True
    if len(words) > _MAX_TITLE_WORDS or len(first) > _MAX_TITLE_CHARS:
        return False
    if first.endswith(_SENTENCE_END) and not first.endswith(_ELLIPSIS):
        return False
    next_line = rest.split("\n", 1)[0].strip()
    if blank_after:
        # A longer body must follow; one short line after another is a list, not title + body.
        return len(rest) > len(first) * 1.5 and (len(next_line) > len(first) or "\n" in rest)
    # No blank line: only a clearly longer, sentence-like next paragraph makes it a title.
    if first.endswith(("?", "!")) or len(words) < 2:
        return False
    return len(next_line) >= max(60, 1.2 * len(first)) and bool(re.search(r"[.!?।…»\"”]$", next_line))


def split_title(raw: str, *, semeval: bool = False) -> tuple[str | None, int, int]:
    """(title or None, body_start, body_end) as indices into ``raw``."""
    start = 1 if raw.startswith("\ufeff") else 0
    lines = _lines(raw, start)
    first_i = next((i for i, (s, e, _) in enumerate(lines) if raw[s:e].strip()), None)
    end = len(raw.rstrip())
    if first_i is None:
        return None, start, start
    s0, e0, n0 = lines[first_i]
    body_start = s0 + (len(raw[s0:e0]) - len(raw[s0:e0].lstrip()))
    following = raw[n0:]
    blank_after = first_i + 1 < len(lines) and not raw[lines[first_i + 1][0]:lines[first_i + 1][1]].strip()
    title = None
    if looks_like_title(raw[s0:e0], normalise_newlines(following), blank_after, semeval=semeval):
        title = " ".join(raw[s0:e0].split())
        body_start = n0 + (len(following) - len(following.lstrip()))
    return title, body_start, max(end, body_start)


def article_from_text(raw: str, id: str, *, source_path: str | None = None, source_format: str = "text",
                      detect_title: bool = True, title: str | None = None, meta: dict | None = None,
                      start: int = 0) -> Article:
    """An Article from decoded plain text (the exact file content, BOM and CRLF kept); ``start``: where
    the article begins in ``raw`` (after a front-matter block), so offsets still index the file."""
    if detect_title and title is None:
        title, body_start, body_end = split_title(raw[start:], semeval=source_format == "semeval")
        body_start, body_end = body_start + start, body_end + start
    else:
        start = start or (1 if raw.startswith("\ufeff") else 0)
        body_start = start + len(raw[start:]) - len(raw[start:].lstrip())
        body_end = max(len(raw.rstrip()), body_start)
    art = Article(
        id=id,
        title=title,
        text=normalise_newlines(raw[body_start:body_end]),
        raw_text=raw,
        source_path=source_path,
        source_format=source_format,
        meta=dict(meta or {}),
    )
    art.meta["body_offset"] = body_start
    art.compute_hash()
    return art


def article_id(path: Path) -> str:
    """File name without its extension(s): ``a/EN_UA_1.txt`` -> ``EN_UA_1``, ``p.html.gz`` -> ``p``."""
    name = path.name
    for suffix in (".html.gz", ".htm.gz"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem if path.suffix else name
