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

from .lexicon import RELATED_HEADER, SPEECH_VERB

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
    # 2) single lines that quote someone; a headline is not one when its quote marks are single
    #    (‘…’, the headline convention) or when it sits in a list under a "Related" / "Read more" header
    under_header = False
    for i, line in enumerate(lines):
        if _is_header(line):
            under_header = True
            continue
        shaped = headline_shaped(line)
        if not shaped and _words(line) > 3:
            under_header = False
        if protected[i]:
            continue
        if shaped and (under_header or _SINGLE_QUOTED.search(line)):
            continue
        if is_quote_line(line, headlines=True):
            protected[i] = True
    return protected


_SINGLE_QUOTED = re.compile(r"‘[^‘’“”\"]{2,}’|(?:^|\s)'[^'“”\"]{2,}'(?=[\s,.;:!?]|$)")
_HEADER_TAIL = re.compile(r"[\s:：»›>|\-–—→]+$")


def _is_header(line: str) -> bool:
    """A "Related" / "Read more on …:" / "Other news" line that opens a list of links."""
    core = _HEADER_TAIL.sub("", re.sub(r"^\s*(?:[-–—•·*▪►▶▸→»>]+)\s*", "", line))
    m = RELATED_HEADER.match(core)
    if not m:
        return False
    rest = [t for t in core[m.end():].split() if any(c.isalnum() for c in t)]
    return len(rest) <= 5 and core.rstrip()[-1:] not in ".!"


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


_TERMINAL = ".!?…।。！？"
_CLOSING = "\"'”’»)]›*"


def headline_shaped(line: str) -> bool:
    """A headline, not a sentence of the article: one clause with no sentence punctuation at its end,
    not opening with a quote mark and not introducing one with a colon ("Minister warned never to
    ‘write off the army’ as front shifts", 'Leader says deserters will get ‘fair treatment’').

    Headlines carry quote marks and verbs of saying, yet they are links to other stories: the
    protector does not shield them (a line opening with a quote mark stays shielded)."""
    stripped = line.rstrip().rstrip(_CLOSING).rstrip()
    if not stripped or stripped[-1] in _TERMINAL or stripped[-1] in ":：,;":
        return False
    if _LEADING_MARK.match(line) or re.search(r"[:：]\s*[“„«\"‘]", line):
        return False
    n = _words(line)
    return 3 <= n <= 20 and not re.search(r"[.!?…]\s+[A-ZА-ЯЁ“„«\"]", line)


def is_quote_line(line: str, headlines: bool = False) -> bool:
    """A line that quotes someone: a quotation with a verb of saying, or a quotation on its own.

    ``headlines``: also count a headline-shaped line (no sentence punctuation at its end) with a
    quotation as a quote line; by default it is not one."""
    if not headlines and headline_shaped(line):
        return False
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
