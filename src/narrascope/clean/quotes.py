"""Which lines are part of a quotation, so that cleaning never drops them.

Two kinds are protected:

* a quotation that runs over several paragraphs. Typographic convention opens
  every paragraph of such a quote with a quote mark and closes only the last
  (``“But neither …`` / ``“And we …”``). We follow the open/closed state of
  quote marks across paragraphs; a paragraph that opens a quote that closes in
  a later paragraph, and every paragraph in between, is protected.
* a single line that quotes someone: it holds a quotation with a verb of
  saying ("…,” he said), or it is itself a quotation (opens with a quote mark
  and says something).
"""
from __future__ import annotations

import re

from .lexicon import SPEECH_VERB

# Opening mark -> the marks that close it. „ closes with “ in RU/BG/DE and with ” in PL/RO.
_CLOSERS = {"“": "”", "„": "“”", "«": "»", '"': '"', "‹": "›"}
_OPENERS = set(_CLOSERS)
_ALL_MARKS = set("“”„«»\"‹›")
# The longest quotation we follow across paragraphs before deciding a mark was stray.
MAX_QUOTE_PARAGRAPHS = 12

_QUOTATION = re.compile(
    r"[“„«\"‹‘]\s*(?P<body>[^“”„«»\"‹›]{3,}?)\s*[”“»\"›’]"
)
_LEADING_MARK = re.compile(r"^[\s\-–—•*]*[“„«\"‹]")


def _scan(line: str, state: str | None, continuing: bool) -> str | None:
    """Quote state after ``line`` given the state before it.

    ``continuing``: the quote is open from an earlier paragraph and this
    paragraph re-opens it with a leading mark, which must not count as a close.
    """
    chars = line
    if continuing:
        m = _LEADING_MARK.match(line)
        chars = line[m.end():] if m else line
    for i, ch in enumerate(chars):
        if ch not in _ALL_MARKS:
            continue
        if state is None:
            if ch in _OPENERS:
                if ch == '"' and i > 0 and chars[i - 1].isalnum() and (i + 1 >= len(chars) or not chars[i + 1].isalnum()):
                    continue  # inch mark / closing without an opener: ignore
                state = ch
        elif ch in _CLOSERS[state]:
            state = None
    return state


def protected_lines(lines: list[str]) -> list[bool]:
    """For each line (paragraph) of an article, whether it belongs to a quotation."""
    n = len(lines)
    protected = [False] * n
    # 1) quotations over several paragraphs
    state: str | None = None
    start = -1
    for i, line in enumerate(lines):
        starts_with_mark = bool(_LEADING_MARK.match(line))
        if state is not None:
            # The quote goes on only into a paragraph that re-opens it or that closes it.
            closes_here = any(c in _CLOSERS[state] for c in line)
            if not (starts_with_mark or closes_here) or i - start > MAX_QUOTE_PARAGRAPHS:
                _protect_open_run(lines, protected, start, i)
                state, start = None, -1
        before = state
        state = _scan(line, state, continuing=before is not None and starts_with_mark)
        if before is None and state is not None:
            start = i
        elif before is not None and state is None:
            for k in range(start, i + 1):
                protected[k] = True
            start = -1
    if state is not None:
        _protect_open_run(lines, protected, start, n)
    # 2) single lines that quote someone
    for i, line in enumerate(lines):
        if not protected[i] and is_quote_line(line):
            protected[i] = True
    return protected


def _protect_open_run(lines: list[str], protected: list[bool], start: int, stop: int) -> None:
    """A quote that never closed: keep its first paragraph and the paragraphs that re-open it."""
    if start < 0:
        return
    if _words(lines[start]) >= 4:
        protected[start] = True
    for k in range(start + 1, stop):
        if _LEADING_MARK.match(lines[k]) and _words(lines[k]) >= 4:
            protected[k] = True
        else:
            break


def is_quote_line(line: str) -> bool:
    """A line that quotes someone: a quotation with a verb of saying, or a quotation on its own."""
    quotations = [m.group("body") for m in _QUOTATION.finditer(line)]
    if not quotations:
        # An opening mark with no close on the line: the start of a quote paragraph.
        if _LEADING_MARK.match(line) and _words(line) >= 4:
            return True
        return False
    longest = max(_words(q) for q in quotations)
    if longest >= 2 and SPEECH_VERB.search(_strip_quotations(line)):
        return True
    if longest >= 1 and SPEECH_VERB.search(line) and re.search(r"[:,]\s*[“„«\"‘]", line):
        return True
    # The line is a quotation (possibly with a short attribution): "“We will hold,” Syrskyi"
    if _LEADING_MARK.match(line) and longest >= 3:
        return True
    return False


def _strip_quotations(line: str) -> str:
    return _QUOTATION.sub(" ", line)


def _words(s: str) -> int:
    return sum(1 for t in s.split() if any(c.isalnum() for c in t))
